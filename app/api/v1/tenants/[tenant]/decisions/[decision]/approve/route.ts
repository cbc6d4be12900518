import { apiRoute } from "@/lib/http/api-route";
import { decisionStep } from "@/lib/data/sharing-workflow";
import { decisionParams } from "@/lib/sharing/input";

export const dynamic = "force-dynamic";

/** Approves the version in review: a compliance officer who neither wrote nor edited it (four eyes). */
export const POST = apiRoute({
  auth: "required",
  params: decisionParams,
  handler: ({ actor, params, path }) => decisionStep(actor, params.tenant, params.decision, "approve", null, { surface: "api", path }),
});
