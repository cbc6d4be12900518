/** Whose entries an audit-log reader asks for: people (in person or by their API tokens), or the system (the data plane's ingest and Terrane's own jobs). */
export const AUDIT_WHO = ["people", "system"] as const;
export type AuditWho = (typeof AUDIT_WHO)[number];

/** The stored actor types behind each (see appendAudit). */
export const AUDIT_WHO_ACTOR_TYPES: Record<AuditWho, string[]> = {
  people: ["user", "api_token"],
  system: ["system", "anonymous"],
};
