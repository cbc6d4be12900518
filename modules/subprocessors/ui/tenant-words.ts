/**
 * The tenant's Subprocessors section and the objection queue in words: why a class counts as
 * touched, what allows it or what is missing, an objection's state, its age and deadline. Pure.
 */
import { countryName } from "@/platform/region/countries";
import { formatDateTime, formatDuration } from "@/platform/format";
import type { ImpactClass, Objection } from "@/modules/subprocessors/client";

const DAY_MS = 86_400_000;

export const SOURCE_WORDS: Record<ImpactClass["sources"][number], string> = {
  register: "the register lists it and you hold it",
  lineage: "your lineage flows reach its datasets",
  decision: "a sharing decision names it",
};

/** "the register lists it and you hold it; your lineage flows reach its datasets". */
export function sourcesWords(sources: ImpactClass["sources"]): string {
  return sources.map((s) => SOURCE_WORDS[s]).join("; ");
}

export type CheckTone = "success" | "warning" | "danger";

/** One location's verdict for one class, in a phrase and a tone. */
export function checkWords(check: ImpactClass["checks"][number]): { text: string; tone: CheckTone } {
  const place = countryName(check.location);
  switch (check.outcome) {
    case "not_a_transfer":
      return { text: `${place}: your home region's country, no decision needed`, tone: "success" };
    case "allowed":
      return { text: `${place}: allowed by ${check.decision?.label ?? "a decision"}`, tone: "success" };
    case "allowed_with_condition":
      return {
        text: `${place}: allowed as ${check.condition === "aggregate" ? "aggregates" : "pseudonymised data"} only, by ${check.decision?.label ?? "a decision"}`,
        tone: "warning",
      };
    case "violation":
      return check.decision
        ? { text: `${place}: denied by ${check.decision.label}`, tone: "danger" }
        : { text: `${place}: no decision allows this`, tone: "danger" };
  }
}

/** What a customer would have to decide for the class to be allowed everywhere. */
export function missingWords(c: ImpactClass): string | null {
  if (c.missing.length === 0) return null;
  return `Missing: a sharing decision for ${c.name} to ${c.missing.join(" and to ")}.`;
}

/** "3 h 12 min", "12 d 4 h": how long an objection has waited, to the minute (platform/format.ts). */
export function ageWords(fromIso: string, nowIso: string): string {
  const minutes = Math.floor((new Date(nowIso).getTime() - new Date(fromIso).getTime()) / 60_000);
  return formatDuration(Math.max(0, minutes) * 60);
}

/** The objection's state as both sides read it. */
export function objectionStateWords(o: Objection): string {
  if (o.state === "open")
    return o.overdue
      ? `Open, overdue since ${formatDateTime(o.due_at)}`
      : `Open, to be resolved by ${formatDateTime(o.due_at)}`;
  return `Resolved: ${o.outcome_label ?? "resolved"}`;
}

/** When an objection raised now would be due. */
export function dueIfRaisedNow(nowIso: string, objectionDays: number): string {
  return new Date(new Date(nowIso).getTime() + objectionDays * DAY_MS).toISOString();
}
