import { apiRoute } from "@/lib/http/api-route";
import { tenantParams } from "@/lib/http/params";
import { textResponse } from "@/lib/http/query";
import { sharingPolicyText } from "@/lib/data/sharing-matrix";

export const dynamic = "force-dynamic";

/** The Cedar policy compiled from the accepted decisions, exactly as the region evaluates flows with it. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: async ({ actor, params, path }) => textResponse(await sharingPolicyText(actor, params.tenant, { surface: "api", path })),
});
