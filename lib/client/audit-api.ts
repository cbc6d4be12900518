import type { AuditEntryView } from "@/lib/data/tenant-audit";
import { ApiProblem } from "@/lib/client/api";
import { auditApiQuery, type AuditQuery } from "@/lib/client/audit-filter";

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
  async list(tenant: string, query: AuditQuery): Promise<AuditPage> {
    const response = await fetch(`${tenantPath(tenant)}?${auditApiQuery(query)}`, { headers: { accept: "application/json" } });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const problem = (body ?? {}) as { code?: string; detail?: string };
      throw new ApiProblem(response.status, problem.code ?? "error", problem.detail ?? `The request failed (${response.status}).`);
    }
    return body as AuditPage;
  },
};

export const auditKeys = {
  all: (tenant: string) => ["tenants", tenant, "audit"] as const,
  list: (tenant: string, query: AuditQuery) => [...auditKeys.all(tenant), query] as const,
};
