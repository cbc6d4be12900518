import { destinationKey, REGION_ID } from "@/modules/sharing/domain/destination";

/**
 * A new draft proposed from elsewhere in the portal (a lineage violation), carried in the
 * decisions page's URL: `?propose=1&data_class=…&to_kind=region&to=…` (or `to_kind=subprocessor`
 * with `location`), plus where the flow came from and what it was, for the draft's notes. The
 * page reads it back with parseDraftPrefill, which drops anything malformed: a hand-edited URL
 * opens an empty form, never an error. Pure.
 */
export interface DraftPrefill {
  dataClass: string;
  destination: { kind: "region"; region: string } | { kind: "subprocessor"; name: string; location: string };
  /** The region the flow left. */
  from: string | null;
  /** The flow in words, e.g. "warehouse.fact_shipments → backups/fact_shipments". */
  flow: string | null;
}

const CLASS_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const LOCATION = /^([a-z]{2,4}-[a-z]+-\d|[A-Z]{2})$/;
const MAX_TEXT = 200;

/** No control characters, trimmed, bounded: what a note or a name may hold. */
function text(value: string | undefined, max = MAX_TEXT): string | null {
  if (value === undefined) return null;
  const t = value.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  return t === "" ? null : t.slice(0, max);
}

/** The query string (without "?") that opens the decisions page with this draft prefilled. */
export function draftPrefillQuery(p: DraftPrefill): string {
  const q = new URLSearchParams({ propose: "1", data_class: p.dataClass, to_kind: p.destination.kind });
  if (p.destination.kind === "region") q.set("to", p.destination.region);
  else {
    q.set("to", p.destination.name);
    q.set("location", p.destination.location);
  }
  if (p.from) q.set("from", p.from);
  if (p.flow) q.set("flow", p.flow.slice(0, MAX_TEXT));
  return q.toString();
}

/** The prefill a page's search parameters carry, or null (absent or malformed). */
export function parseDraftPrefill(params: Record<string, string | string[] | undefined>): DraftPrefill | null {
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  if (one("propose") !== "1") return null;
  const dataClass = one("data_class");
  if (!dataClass || !CLASS_KEY.test(dataClass)) return null;
  const from = one("from");
  const common = {
    dataClass,
    from: from && REGION_ID.test(from) ? from : null,
    flow: text(one("flow")),
  };
  const to = one("to");
  if (one("to_kind") === "region") {
    return to && REGION_ID.test(to) ? { ...common, destination: { kind: "region", region: to } } : null;
  }
  if (one("to_kind") === "subprocessor") {
    const name = text(to, 200);
    const location = one("location");
    if (!name || !location || !LOCATION.test(location)) return null;
    return { ...common, destination: { kind: "subprocessor", name, location } };
  }
  return null;
}

/** The key a decision for this destination has (to find one that exists already). */
export function prefillDestinationKey(p: DraftPrefill): string {
  return p.destination.kind === "region"
    ? destinationKey({ kind: "region", id: p.destination.region, location: p.destination.region })
    : destinationKey({ kind: "subprocessor", id: p.destination.name, location: p.destination.location });
}

/** What the draft's notes say about where it came from: the reviewer reads why it was proposed. */
export function prefillNotes(p: DraftPrefill, className: string): string {
  const to =
    p.destination.kind === "region" ? p.destination.region : `${p.destination.name} (${p.destination.location})`;
  const flow = p.flow ? `the flow ${p.flow}` : "a flow";
  return `Proposed from the lineage: ${flow}${p.from ? ` from ${p.from}` : ""} to ${to} carries ${className} and was judged a violation, because no decision in force allows it.`;
}
