import type { AttestationSummary } from "@/modules/attestations/client";
import { lastCompleteMonth, lastCompleteQuarter, type Period } from "@/modules/attestations/domain/period";

export const KIND_WORDS: Record<AttestationSummary["kind"], string> = {
  month: "Month",
  quarter: "Quarter",
  range: "Period",
};

export const STATE_WORDS: Record<AttestationSummary["state"], string> = {
  issued: "Issued",
  awaiting_review: "Draft: awaiting a compliance officer's review",
  published: "Published after review",
  rejected: "Rejected in review",
};

/** The verdict in words: what PASSED and FAILED mean for the tenant. */
export const RESULT_WORDS: Record<AttestationSummary["result"], string> = {
  PASSED: "Passed: nothing broke residency",
  FAILED: "Failed: see its exceptions",
};

const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const asDates = (p: Period) => ({ from: isoDate(p.from), to: isoDate(p.to) });

/** The last calendar month and quarter that have ended, as date inputs want them. */
export function periodPresets(now: Date) {
  return {
    month: asDates(lastCompleteMonth(now)),
    quarter: asDates(lastCompleteQuarter(now)),
    today: isoDate(new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS)),
  };
}

/** "sha256:abcd…" shortened for a table, the whole digest kept for copying and screen readers. */
export const shortDigest = (digest: string) => `${digest.slice(0, 19)}…`;
