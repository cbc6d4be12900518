import { apiRoute } from "@/platform/http/api-route";
import { digestedDownload } from "@/platform/http/download";
import { clientAddress } from "@/platform/auth/client-address";
import { attestationParams } from "@/modules/attestations/api-schemas";
import { attestationPdf } from "@/modules/attestations/server/reads";

export const dynamic = "force-dynamic";

/** The attestation as a readable PDF (an auditor's copy is watermarked with who downloaded it). */
export const GET = apiRoute({
  auth: "required",
  params: attestationParams,
  handler: async ({ actor, params, path, request }) => {
    const served = await attestationPdf(actor, params.tenant, params.attestation, {
      surface: "api",
      path,
      ip: clientAddress(request.headers),
    });
    return digestedDownload(served, "application/pdf", { "x-terrane-download-id": served.downloadId });
  },
});
