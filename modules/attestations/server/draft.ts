import "server-only";
import type { PolicyResource } from "@/platform/policy/engine";

/** The Cedar resource of a quarterly draft: who asked for it (nobody, when the job queue drafted it). */
export function draftResource(row: { id: string; tenantId: string; issuedById: string | null }): PolicyResource {
  return {
    type: "AttestationDraft",
    id: row.id,
    tenantId: row.tenantId,
    requesters: row.issuedById ? [row.issuedById] : [],
  };
}
