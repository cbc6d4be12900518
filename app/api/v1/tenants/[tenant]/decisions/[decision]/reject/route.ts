import { decisionStepRoute } from "@/modules/sharing/server/step-route";

export const dynamic = "force-dynamic";

/** Sends the approved version back to draft with a reason: customer admins. */
export const POST = decisionStepRoute("reject");
