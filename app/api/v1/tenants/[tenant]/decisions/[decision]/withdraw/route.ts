import { decisionStepRoute } from "@/modules/sharing/server/step-route";

export const dynamic = "force-dynamic";

/** Withdraws the version in the workflow (kept in the history): customer admins and compliance officers. */
export const POST = decisionStepRoute("withdraw");
