/** How the Governance pages say figures: shares as percentages, durations in words. Pure. */

/** 0.6667 → "66.7 %"; null (a share of nothing) → "no data". */
export function percent(share: number | null): string {
  return share === null ? "no data" : `${(share * 100).toFixed(1)} %`;
}

/** Seconds as the two largest units: "2 h 5 min", "3 d 4 h", "45 s"; null → "none". */
export function duration(seconds: number | null): string {
  if (seconds === null) return "none";
  const s = Math.round(seconds);
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || (unit === "s" && parts.length === 0)) parts.push(`${n} ${unit}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** Milliseconds: "850 ms", "3.4 s". */
export function millis(ms: number | null): string {
  if (ms === null) return "none";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const VERDICT_LABELS: Record<string, string> = {
  allowed: "Allowed by a decision",
  allowed_with_condition: "Allowed with a condition",
  violation: "Violation (no decision allows it)",
  unknown_region: "Destination region unknown",
};

/** "2026-11" → "November 2026". */
export function monthLabel(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
}
