import type { AuditEntryView } from "@/modules/audit/server/tenant-audit";
import { apiCall } from "@/platform/http/client-fetch";
import { auditApiQuery, type AuditQuery } from "@/modules/audit/domain/filter";

export interface AuditPage {
  entries: AuditEntryView[];
  next_cursor: string | null;
}

const tenantPath = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}/audit`;

/** Where an integrated entry's .tlog-proof file is downloaded (the entry inside, for offline checks). */
export function entryProofUrl(tenant: string, entryId: string): string {
  return `${tenantPath(tenant)}/${encodeURIComponent(entryId)}/proof`;
}

export const auditApi = {
  list: (tenant: string, query: AuditQuery) => apiCall<AuditPage>(`${tenantPath(tenant)}?${auditApiQuery(query)}`),
};

export const auditKeys = {
  all: (tenant: string) => ["tenants", tenant, "audit"] as const,
  list: (tenant: string, query: AuditQuery) => [...auditKeys.all(tenant), query] as const,
};
