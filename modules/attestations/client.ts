import type { z } from "zod";
import { apiSend } from "@/platform/http/client-fetch";
import type {
  attestationList,
  attestationSummary,
  issueAttestationBody,
  reviewAttestationBody,
} from "@/modules/attestations/api-schemas";

export type AttestationSummary = z.infer<typeof attestationSummary>;
export type AttestationList = z.infer<typeof attestationList>;
export type IssueAttestationInput = z.input<typeof issueAttestationBody>;

const base = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}/attestations`;

/** Where an attestation's signed envelope downloads (the server names the file). */
export const envelopeUrl = (tenant: string, id: string) => `${base(tenant)}/${encodeURIComponent(id)}`;

/** The tenant's signed attestation index (newest version). */
export const indexUrl = (tenant: string) => `${base(tenant)}/index`;

/** Where an attestation's readable PDF downloads. */
export const pdfUrl = (tenant: string, id: string) => `${envelopeUrl(tenant, id)}/pdf`;

export const attestationsApi = {
  issue: (tenant: string, body: IssueAttestationInput) => apiSend<AttestationSummary>(base(tenant), body),
  review: (tenant: string, id: string, body: z.input<typeof reviewAttestationBody>) =>
    apiSend<AttestationSummary>(`${envelopeUrl(tenant, id)}/review`, body),
};
