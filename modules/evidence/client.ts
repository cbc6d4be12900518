import type { z } from "zod";
import { apiSend } from "@/platform/http/client-fetch";
import type {
  auditorList,
  auditorSummary,
  evidenceActivity,
  inviteAuditorBody,
  ndaAcceptance,
  ndaView,
  scopeDecisionBody,
  scopeRequest,
  scopeRequestBody,
  scopeRequestList,
} from "@/modules/evidence/api-schemas";

export type AuditorSummary = z.infer<typeof auditorSummary>;
export type AuditorList = z.infer<typeof auditorList>;
export type NdaView = z.infer<typeof ndaView>;
export type EvidenceActivityList = z.infer<typeof evidenceActivity>;
export type InviteAuditorInput = z.input<typeof inviteAuditorBody>;
export type ScopeRequest = z.infer<typeof scopeRequest>;
export type ScopeRequestList = z.infer<typeof scopeRequestList>;

const tenantBase = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}`;

/** The CSV export of who viewed and downloaded what. */
export const activityCsvUrl = (tenant: string) => `${tenantBase(tenant)}/evidence-activity?format=csv`;

/** An evidence package for a period (YYYY-MM-DD, `to` not included), with an optional sample and seed. */
export function packageUrl(
  tenant: string,
  query: { from: string; to: string; sample?: number | null; seed?: string | null },
): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.sample) params.set("sample", String(query.sample));
  if (query.sample && query.seed) params.set("seed", query.seed);
  return `${tenantBase(tenant)}/evidence?${params.toString()}`;
}

export const evidenceApi = {
  invite: (tenant: string, body: InviteAuditorInput) => apiSend<AuditorSummary>(`${tenantBase(tenant)}/auditors`, body),
  revoke: (tenant: string, id: string) =>
    apiSend<AuditorSummary>(`${tenantBase(tenant)}/auditors/${encodeURIComponent(id)}`, undefined, "DELETE"),
  setNda: (tenant: string, text: string) => apiSend<NdaView>(`${tenantBase(tenant)}/nda`, { text }, "PUT"),
  acceptNda: (tenant: string, sha256: string) =>
    apiSend<z.infer<typeof ndaAcceptance>>(`${tenantBase(tenant)}/nda/accept`, { sha256 }),
  requestScope: (tenant: string, body: z.input<typeof scopeRequestBody>) =>
    apiSend<ScopeRequest>(`${tenantBase(tenant)}/engagement/scope-requests`, body),
  decideScope: (tenant: string, auditor: string, request: string, body: z.input<typeof scopeDecisionBody>) =>
    apiSend<AuditorSummary>(
      `${tenantBase(tenant)}/auditors/${encodeURIComponent(auditor)}/scope-requests/${encodeURIComponent(request)}`,
      body,
    ),
};
