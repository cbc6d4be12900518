/**
 * When an announced change takes effect. Customers get the region's notice period before a
 * subprocessor receives more of their data than it did (a new one, a new data class, country or
 * storage region, another legal entity or transfer mechanism); a change that gives it less, or
 * only corrects a description, needs none. An urgent replacement may shorten the notice only
 * with a recorded reason, and only a compliance officer's approval announces it. Pure.
 */
import type { ChangeKind, SubprocessorFields } from "@/modules/subprocessors/domain/model";

const DAY_MS = 86_400_000;

const WIDENING_LISTS = ["data_classes", "locations", "storage_regions"] as const;

/** Whether customers must be given the notice period before this change takes effect. */
export function needsNotice(kind: ChangeKind, before: SubprocessorFields | null, after: SubprocessorFields): boolean {
  if (kind === "add") return true;
  if (kind === "retire" || !before) return false;
  if (WIDENING_LISTS.some((field) => after[field].some((x) => !before[field].includes(x)))) return true;
  return before.legal_entity !== after.legal_entity || before.transfer_mechanism !== after.transfer_mechanism;
}

export function noticeEnds(from: Date, noticeDays: number): Date {
  return new Date(from.getTime() + noticeDays * DAY_MS);
}

export type EffectiveDate =
  { ok: true; effectiveAt: Date; shortened: boolean } | { ok: false; code: "inside_notice_period"; earliest: Date };

/**
 * The effective date of a change announced (or proposed) at `now`: the date asked for, but never
 * inside the notice period unless `urgentReason` is given; with no date asked for, the end of the
 * notice period (or at once when no notice is needed).
 */
export function effectiveDate(input: {
  now: Date;
  noticeDays: number;
  needsNotice: boolean;
  requested: Date | null;
  urgentReason: string | null;
}): EffectiveDate {
  const earliest = input.needsNotice ? noticeEnds(input.now, input.noticeDays) : input.now;
  if (!input.requested) return { ok: true, effectiveAt: earliest, shortened: false };
  const requested = input.requested.getTime() < input.now.getTime() ? input.now : input.requested;
  if (requested.getTime() >= earliest.getTime()) return { ok: true, effectiveAt: requested, shortened: false };
  if (input.urgentReason) return { ok: true, effectiveAt: requested, shortened: true };
  return { ok: false, code: "inside_notice_period", earliest };
}
