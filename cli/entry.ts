/**
 * Audit entries as the log commits them: the RFC 8785 canonical JSON of
 * { v, id, at, region, actor: { type, id, employer, country }, tenant, action, subject,
 *   outcome, details, salt } — the leaf bytes. Helpers to read an entry file and describe one.
 */
import { canonicalJsonBytes, isCanonicalJson } from "../modules/audit/domain/canonical-json";
import { toText } from "../modules/audit/domain/encoding";

export interface EntryBytes {
  readonly bytes: Buffer;
  /** True when the file was JSON but not canonical and was re-serialised (RFC 8785). */
  readonly canonicalised: boolean;
}

/**
 * The leaf bytes for an entry file: the file itself when it is canonical JSON (or not JSON at
 * all), otherwise its RFC 8785 canonical form, so a pretty-printed entry from the API still
 * hashes to its leaf.
 */
export function entryBytesFromFile(raw: Buffer): EntryBytes {
  const text = toText(raw);
  if (text === null) return { bytes: raw, canonicalised: false };
  if (isCanonicalJson(text)) return { bytes: raw, canonicalised: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { bytes: raw, canonicalised: false };
  }
  try {
    return { bytes: canonicalJsonBytes(parsed), canonicalised: true };
  } catch {
    return { bytes: raw, canonicalised: false };
  }
}

/** The entry as JSON, or null when the leaf bytes are not a JSON object. */
export function parseEntry(bytes: Uint8Array): Record<string, unknown> | null {
  const text = toText(bytes);
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const s = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** "2025-05-01T10:00:00.000Z sign_in (success) by user:u_1 [Acme GmbH, DE], tenant t_9, subject …" */
export function describeEntry(entry: Record<string, unknown>): string {
  const parts: string[] = [];
  parts.push(s(entry.at) ?? "(no time)");
  parts.push(s(entry.action) ?? "(no action)");
  if (s(entry.outcome)) parts.push(`(${s(entry.outcome)})`);
  const actor = entry.actor !== null && typeof entry.actor === "object" ? (entry.actor as Record<string, unknown>) : {};
  const who = [s(actor.type), s(actor.id)].filter(Boolean).join(":") || "unknown actor";
  const where = [s(actor.employer), s(actor.country)].filter(Boolean).join(", ");
  parts.push(`by ${who}${where ? ` [${where}]` : ""}`);
  let line = parts.join(" ");
  line += `, tenant ${s(entry.tenant) ?? "none"}`;
  if (s(entry.subject)) line += `, subject ${s(entry.subject)}`;
  if (s(entry.region)) line += `, region ${s(entry.region)}`;
  return line;
}
