import { decisionStepRoute } from "@/modules/sharing/server/step-route";

export const dynamic = "force-dynamic";

/** Approves the version in review: a compliance officer who neither wrote nor edited it (four eyes). */
export const POST = decisionStepRoute("approve");
