import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/modules/sharing/api-schemas";
import { textResponse } from "@/platform/schema/query";
import { sharingPolicyText } from "@/modules/sharing/server/matrix";

export const dynamic = "force-dynamic";

/** The Cedar policy compiled from the accepted decisions, exactly as the region evaluates flows with it. */
export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: async ({ actor, params, path }) =>
    textResponse(await sharingPolicyText(actor, params.tenant, { surface: "api", path })),
});
