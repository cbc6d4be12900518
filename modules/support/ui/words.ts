import type { SupportRequest } from "@/modules/support/client";
import { formatDuration } from "@/platform/format";

const REGIONS = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

/** "Germany (DE)": a country code in words, with the code people search for. */
export function countryWords(code: string): string {
  let name: string | undefined;
  try {
    name = REGIONS?.of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/** The approvals of the round being decided now: "1 of 2 approvals". */
export function approvalsWords(r: Pick<SupportRequest, "approvals" | "approvals_required" | "round">): string {
  const given = r.approvals.filter((a) => a.round === r.round).length;
  return `${given} of ${r.approvals_required} approval${r.approvals_required === 1 ? "" : "s"}`;
}

/** Who approved the current round so far, by name. */
export function approversThisRound(r: Pick<SupportRequest, "approvals" | "round">): string[] {
  return r.approvals.filter((a) => a.round === r.round).map((a) => a.approver.name);
}

/** The first name a sentence can use ("Ana will let…"). */
export function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}

/** Badge tone of a state: waiting is amber, access open is green, ended states neutral, refusals red. */
export function stateTone(state: SupportRequest["state"]): "neutral" | "info" | "success" | "warning" | "danger" {
  switch (state) {
    case "pending":
    case "extension_requested":
      return "warning";
    case "approved":
      return "info";
    case "active":
      return "success";
    case "denied":
    case "revoked":
      return "danger";
    default:
      return "neutral";
  }
}

/**
 * The API's problem `detail` split into the fields it names ("duration_minutes: must be at most
 * 480; scope.stores: …" → { duration_minutes: "must be at most 480", "scope.stores": "…" }), and
 * what names no field. Shown next to each field (FormField), the rest above the buttons.
 */
export function problemFields(
  detail: string,
  known: readonly string[],
): { fields: Record<string, string>; rest: string } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of detail.split(/;\s+/)) {
    const match = /^\s*([a-z_]+(?:\.[a-z_0-9]+)*)\s*:\s*(.+)$/s.exec(part);
    const field = match ? known.find((k) => match[1] === k || match[1]!.startsWith(`${k}.`)) : undefined;
    if (match && field) fields[field] = fields[field] ? `${fields[field]}; ${match[2]}` : match[2]!;
    else rest.push(part);
  }
  return { fields, rest: rest.join("; ") };
}

/**
 * "2 h 5 min", "4 min 7 s" for a countdown read at a glance (whole seconds, as platform/format.ts
 * writes a duration); screen readers get `durationWords` instead.
 */
export function clockWords(ms: number): string {
  return formatDuration(Math.max(0, Math.floor(ms / 1000)));
}
