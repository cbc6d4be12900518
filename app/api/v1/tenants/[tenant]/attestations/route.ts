import { apiRoute } from "@/platform/http/api-route";
import { clientAddress } from "@/platform/auth/client-address";
import { tenantParams } from "@/platform/http/params";
import { issueAttestationBody } from "@/modules/attestations/api-schemas";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { listAttestations } from "@/modules/attestations/server/reads";

export const dynamic = "force-dynamic";

export const GET = apiRoute({
  auth: "required",
  params: tenantParams,
  handler: ({ actor, params, path, request }) =>
    listAttestations(actor, params.tenant, { surface: "api", path, ip: clientAddress(request.headers) }),
});

/** A customer admin or compliance officer issues an attestation for a period that has ended. */
export const POST = apiRoute({
  auth: "required",
  params: tenantParams,
  body: issueAttestationBody,
  handler: async ({ actor, params, body, path }) =>
    Response.json(await issueAttestationOnDemand(actor, params.tenant, body, { surface: "api", path }), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
});
