import type { DecisionEdit, DraftInput, LegalBasis, SharingOutcome, VersionView } from "@/modules/sharing/client";

/**
 * The content of a decision version as the forms hold it (strings, dates as UTC days), and the
 * pure conversions to what the API takes: POST bodies, and PATCH bodies with only what changed.
 */
export interface ContentDraft {
  outcome: SharingOutcome;
  /** "" while none is chosen. */
  legal_basis: LegalBasis | "";
  tia_ref: string;
  dpa_clause: string;
  /** YYYY-MM-DD, read as midnight UTC. */
  effective_from: string;
  /** YYYY-MM-DD, or "" for open-ended. */
  effective_to: string;
  notes: string;
}

export type DestinationKindDraft = "region" | "partner" | "subprocessor";

export interface DestinationDraft {
  kind: DestinationKindDraft;
  /** The region id when kind is region. */
  region: string;
  /** The partner's or subprocessor's name. */
  name: string;
  /** Region id or ISO country code; optional for partners, required for subprocessors. */
  location: string;
}

export const CONTENT_KEYS = [
  "outcome",
  "legal_basis",
  "tia_ref",
  "dpa_clause",
  "effective_from",
  "effective_to",
  "notes",
] as const;

/** The content as it is sent: what the server stores and compares (the API's own version fields). */
export type NormalisedContent = Pick<VersionView, (typeof CONTENT_KEYS)[number]>;

export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** A UTC day as the API's ISO instant; "" stays "" (the server then names the field). */
export const dayToInstant = (day: string) => (day ? `${day}T00:00:00.000Z` : "");

/** An ISO instant as its UTC day, for a date input. */
export const instantToDay = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 10) : "");

export function emptyContent(now = new Date()): ContentDraft {
  return {
    outcome: "allow_pseudonymised",
    legal_basis: "",
    tia_ref: "",
    dpa_clause: "",
    effective_from: today(now),
    effective_to: "",
    notes: "",
  };
}

export function contentFromVersion(
  v: Pick<
    VersionView,
    "outcome" | "legal_basis" | "tia_ref" | "dpa_clause" | "effective_from" | "effective_to" | "notes"
  >,
): ContentDraft {
  return {
    outcome: v.outcome,
    legal_basis: v.legal_basis ?? "",
    tia_ref: v.tia_ref ?? "",
    dpa_clause: v.dpa_clause ?? "",
    effective_from: instantToDay(v.effective_from),
    effective_to: instantToDay(v.effective_to),
    notes: v.notes,
  };
}

/** What the form means: a deny takes no legal basis, blank optional fields are none. */
export function normaliseContent(c: ContentDraft): NormalisedContent {
  const blankIsNull = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    outcome: c.outcome,
    legal_basis: c.outcome === "deny" || c.legal_basis === "" ? null : c.legal_basis,
    tia_ref: blankIsNull(c.tia_ref),
    dpa_clause: blankIsNull(c.dpa_clause),
    effective_from: dayToInstant(c.effective_from),
    effective_to: c.effective_to ? dayToInstant(c.effective_to) : null,
    notes: c.notes,
  };
}

/**
 * The PATCH body: only the fields whose meaning changed, `null` to clear an optional one. Both
 * sides are read through the same conversion, so a version whose dates are not at midnight is
 * not "changed" by a form that shows them as days.
 */
export function changedFields(before: ContentDraft, after: ContentDraft): DecisionEdit {
  const a = normaliseContent(before);
  const b = normaliseContent(after);
  const edit: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) if (a[key] !== b[key]) edit[key] = b[key];
  return edit as DecisionEdit;
}

/** A country code typed in lower case is still a country code. */
function normaliseLocation(location: string): string {
  const l = location.trim();
  return /^[a-z]{2}$/i.test(l) ? l.toUpperCase() : l;
}

export function toDestination(d: DestinationDraft): DraftInput["destination"] {
  const location = normaliseLocation(d.location);
  switch (d.kind) {
    case "region":
      return { kind: "region", id: d.region };
    case "partner":
      return location ? { kind: "partner", id: d.name.trim(), location } : { kind: "partner", id: d.name.trim() };
    case "subprocessor":
      return { kind: "subprocessor", id: d.name.trim(), location };
  }
}

/** The POST body of a new draft: optional fields left empty are omitted, and a deny has no legal basis. */
export function toDraftInput(dataClass: string, destination: DestinationDraft, content: ContentDraft): DraftInput {
  const c = normaliseContent(content);
  return {
    data_class: dataClass,
    destination: toDestination(destination),
    outcome: c.outcome,
    ...(c.legal_basis ? { legal_basis: c.legal_basis } : {}),
    ...(c.tia_ref ? { tia_ref: c.tia_ref } : {}),
    ...(c.dpa_clause ? { dpa_clause: c.dpa_clause } : {}),
    effective_from: c.effective_from,
    ...(c.effective_to ? { effective_to: c.effective_to } : {}),
    ...(c.notes.trim() ? { notes: c.notes } : {}),
  };
}

/** Form fields a problem's detail can name (`field: message; …`, as the API writes it). */
export type ProblemField =
  (typeof CONTENT_KEYS)[number] | "data_class" | "destination" | "destination.id" | "destination.location";
const PROBLEM_FIELDS: readonly string[] = [
  ...CONTENT_KEYS,
  "data_class",
  "destination",
  "destination.id",
  "destination.location",
];

/** The first form field a problem's `detail` names, if any: the one to focus. */
export function problemField(detail: string): ProblemField | null {
  for (const part of detail.split(";")) {
    const match = /^\s*([a-z_]+(?:\.[a-z_]+)?)\s*:/.exec(part);
    if (match && PROBLEM_FIELDS.includes(match[1]!)) return match[1] as ProblemField;
  }
  return null;
}

/** The id of a form control, shared by the fields and the code that focuses the one in error. */
export const fieldId = (prefix: string, field: ProblemField) => `${prefix}-${field.replace(".", "-")}`;

/** Which version a proposed change starts from, as the server picks it: in force, else the last accepted, else the newest. */
export function proposalBase<V extends Pick<VersionView, "id" | "status">>(
  inForce: { id: string } | null,
  versionsNewestFirst: V[],
): V | undefined {
  return (
    (inForce ? versionsNewestFirst.find((v) => v.id === inForce.id) : undefined) ??
    versionsNewestFirst.find((v) => v.status === "accepted") ??
    versionsNewestFirst[0]
  );
}
