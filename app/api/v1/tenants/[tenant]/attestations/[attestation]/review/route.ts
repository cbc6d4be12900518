import { apiRoute } from "@/platform/http/api-route";
import { attestationParams, reviewAttestationBody } from "@/modules/attestations/api-schemas";
import { reviewAttestation } from "@/modules/attestations/server/review";

export const dynamic = "force-dynamic";

/** A compliance officer who did not ask for a quarterly draft publishes or rejects it. */
export const POST = apiRoute({
  auth: "required",
  params: attestationParams,
  body: reviewAttestationBody,
  handler: ({ actor, params, body, path }) =>
    reviewAttestation(actor, params.tenant, params.attestation, body, { surface: "api", path }),
});
