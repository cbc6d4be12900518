import { apiRoute } from "@/platform/http/api-route";
import { digestedDownload } from "@/platform/http/download";
import { attestationParams } from "@/modules/attestations/api-schemas";
import { clientAddress } from "@/platform/auth/client-address";
import { attestationEnvelope } from "@/modules/attestations/server/reads";

export const dynamic = "force-dynamic";

/** The DSSE envelope, byte for byte what its digest names (Content-Digest says it too, RFC 9530). */
export const GET = apiRoute({
  auth: "required",
  params: attestationParams,
  handler: async ({ actor, params, path, request }) => {
    const served = await attestationEnvelope(actor, params.tenant, params.attestation, {
      surface: "api",
      path,
      ip: clientAddress(request.headers),
    });
    return digestedDownload(served, "application/json");
  },
});
