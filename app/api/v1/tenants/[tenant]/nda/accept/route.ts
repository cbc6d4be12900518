import { apiRoute } from "@/platform/http/api-route";
import { tenantParams } from "@/platform/http/params";
import { clientAddress } from "@/platform/auth/client-address";
import { acceptNdaBody } from "@/modules/evidence/api-schemas";
import { acceptNda } from "@/modules/evidence/server/nda";

export const dynamic = "force-dynamic";

/** An auditor's first action: accepting the NDA text they read, named by its SHA-256. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: acceptNdaBody,
  handler: async ({ actor, params, body, path, request }) =>
    Response.json(
      await acceptNda(actor, params.tenant, body, { surface: "api", path, ip: clientAddress(request.headers) }),
      { status: 201, headers: { "cache-control": "no-store" } },
    ),
});
