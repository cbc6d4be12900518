import { decisionStepRoute } from "@/modules/sharing/server/step-route";

export const dynamic = "force-dynamic";

/** Accepts the approved version for the tenant; it is in force from its effective date: customer admins. */
export const POST = decisionStepRoute("accept");
