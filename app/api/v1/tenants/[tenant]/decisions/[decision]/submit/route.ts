import { decisionStepRoute } from "@/modules/sharing/server/step-route";

export const dynamic = "force-dynamic";

/** Sends the draft to compliance review: customer admins and compliance officers. */
export const POST = decisionStepRoute("submit");
