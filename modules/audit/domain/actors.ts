/**
 * Who an audit entry's actor is, in words. Pure: the server resolves names (one query per page)
 * and the page renders them with this.
 */

/** The actor of one entry as the tenant audit API returns it. */
export interface AuditActorView {
  /** `user`, `api_token` (a user through one of their tokens), `system`, `anonymous`. */
  type: string;
  /** The user id; for `system` the component (`sign-in`, `key-rotation`, `ingest-token:<id>`); null for anonymous. */
  id: string | null;
  /** The person's name; for `system` the component in words; null when no longer known (a deleted account). */
  name: string | null;
  /** Only for provider staff and the tenant's auditors: customers' colleagues are shown by name alone. */
  email: string | null;
  /** For `api_token`: the token that acted (its name null when it has since been deleted). */
  token: { id: string; name: string | null } | null;
  employer: string | null;
  country: string | null;
}

/** Terrane's own components, as they act in the log. */
const SYSTEM_ACTORS: Record<string, string> = {
  "sign-in": "Sign-in service",
  sessions: "Session service",
  "key-manager": "Key manager",
  "key-rotation": "Key rotation job",
  "key-rotation-scheduler": "Key rotation schedule",
  "key-deletion": "Key deletion job",
  "revocation-prober": "Revocation prober",
  "lineage-reevaluation": "Lineage evaluation",
  "demo-seed": "Demo seed",
};

const INGEST_TOKEN = "ingest-token:";

/** The ingest token's id when a system actor is the data plane acting through one. */
export function ingestTokenOf(systemId: string): string | null {
  return systemId.startsWith(INGEST_TOKEN) ? systemId.slice(INGEST_TOKEN.length) : null;
}

/** A system component in words; the data plane names its ingest token when it is known. */
export function systemActorName(systemId: string, ingestTokenName?: string | null): string {
  if (ingestTokenOf(systemId) !== null) {
    return ingestTokenName ? `Data plane (ingest token ${ingestTokenName})` : "Data plane (ingest token)";
  }
  return SYSTEM_ACTORS[systemId] ?? systemId;
}

/**
 * The actor in one line: "Ada Lovelace", "CI export (token of Ada Lovelace)", "Key rotation job",
 * "Anonymous". A person no longer known falls back to their id.
 */
export function actorDisplayName(actor: AuditActorView): string {
  if (actor.type === "anonymous") return "Anonymous";
  if (actor.type === "system") return actor.name ?? actor.id ?? "System";
  const person = actor.name ?? (actor.id ? `Unknown user ${actor.id.slice(0, 8)}…` : "Unknown user");
  if (actor.type === "api_token") {
    return `${actor.token?.name ?? "An API token"} (token of ${person})`;
  }
  return person;
}
