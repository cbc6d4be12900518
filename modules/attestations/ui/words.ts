import type { AttestationSummary } from "@/modules/attestations/client";

export const KIND_WORDS: Record<AttestationSummary["kind"], string> = {
  month: "Month",
  quarter: "Quarter",
  range: "Period",
};

export const STATE_WORDS: Record<AttestationSummary["state"], string> = {
  issued: "Issued",
  awaiting_review: "Awaiting review",
  published: "Published",
};

/** The verdict in words: what PASSED and FAILED mean for the tenant. */
export const RESULT_WORDS: Record<AttestationSummary["result"], string> = {
  PASSED: "Passed: nothing broke residency",
  FAILED: "Failed: see its exceptions",
};

const DAY_MS = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The last calendar month and quarter that have ended, as date inputs want them. */
export function periodPresets(now: Date) {
  const month = {
    from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
    to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
  };
  const q = Math.floor(now.getUTCMonth() / 3);
  const quarter = {
    from: new Date(Date.UTC(now.getUTCFullYear(), (q - 1) * 3, 1)),
    to: new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1)),
  };
  return {
    month: { from: isoDate(month.from), to: isoDate(month.to) },
    quarter: { from: isoDate(quarter.from), to: isoDate(quarter.to) },
    today: isoDate(new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS)),
  };
}

/** "sha256:abcd…" shortened for a table, the whole digest kept for copying and screen readers. */
export const shortDigest = (digest: string) => `${digest.slice(0, 19)}…`;
