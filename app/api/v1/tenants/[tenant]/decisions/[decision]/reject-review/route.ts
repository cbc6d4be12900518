import { decisionStepRoute } from "@/modules/sharing/server/step-route";

export const dynamic = "force-dynamic";

/** Sends the version in review back to draft with a reason: a compliance officer other than its authors. */
export const POST = decisionStepRoute("rejectReview");
