import type { z } from "zod";
import { apiSend } from "@/platform/http/client-fetch";
import type {
  auditorList,
  auditorSummary,
  evidenceActivity,
  inviteAuditorBody,
  ndaAcceptance,
  ndaView,
} from "@/modules/evidence/api-schemas";

export type AuditorSummary = z.infer<typeof auditorSummary>;
export type AuditorList = z.infer<typeof auditorList>;
export type NdaView = z.infer<typeof ndaView>;
export type EvidenceActivityList = z.infer<typeof evidenceActivity>;
export type InviteAuditorInput = z.input<typeof inviteAuditorBody>;

const tenantBase = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}`;

/** The CSV export of who viewed and downloaded what. */
export const activityCsvUrl = (tenant: string) => `${tenantBase(tenant)}/evidence-activity?format=csv`;

export const evidenceApi = {
  invite: (tenant: string, body: InviteAuditorInput) => apiSend<AuditorSummary>(`${tenantBase(tenant)}/auditors`, body),
  revoke: (tenant: string, id: string) =>
    apiSend<AuditorSummary>(`${tenantBase(tenant)}/auditors/${encodeURIComponent(id)}`, undefined, "DELETE"),
  setNda: (tenant: string, text: string) => apiSend<NdaView>(`${tenantBase(tenant)}/nda`, { text }, "PUT"),
  acceptNda: (tenant: string, sha256: string) =>
    apiSend<z.infer<typeof ndaAcceptance>>(`${tenantBase(tenant)}/nda/accept`, { sha256 }),
};
