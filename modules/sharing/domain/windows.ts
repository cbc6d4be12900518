import type { StoredStatus, VersionState } from "@/modules/sharing/domain/model";

/** An accepted version, as far as its time in force is concerned. */
export interface AcceptedVersion {
  id: string;
  version: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  acceptedAt: Date;
}

/** When a version is in force: [from, until); until null means open-ended. */
export interface ForceWindow {
  from: Date;
  until: Date | null;
  /** Why it ends: its own effective_to, or a later version taking over. */
  endsBy: "expiry" | "supersession" | null;
}

const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/**
 * The window in which each accepted version of one decision is in force. A version starts at
 * its effective_from, but never before the customer accepted it: acceptance does not reach
 * back to make past transfers lawful. The highest version that has started is the one in
 * force; a version ends at its own effective_to or when a later version starts. A version
 * overtaken before it started never comes into force (no window).
 */
export function forceWindows(versions: AcceptedVersion[]): Map<string, ForceWindow | null> {
  const result = new Map<string, ForceWindow | null>();
  for (const v of versions) {
    const from = later(v.effectiveFrom, v.acceptedAt);
    let until = v.effectiveTo;
    let endsBy: ForceWindow["endsBy"] = v.effectiveTo ? "expiry" : null;
    for (const w of versions) {
      if (w.version <= v.version) continue;
      const start = later(w.effectiveFrom, w.acceptedAt);
      if (!until || start.getTime() < until.getTime()) {
        until = start;
        endsBy = "supersession";
      }
    }
    result.set(v.id, until && until.getTime() <= from.getTime() ? null : { from, until, endsBy });
  }
  return result;
}

/** What a reader sees for a version at `at`. */
export function versionState(status: StoredStatus, window: ForceWindow | null | undefined, at: Date): VersionState {
  if (status !== "accepted") return status;
  if (!window) return "superseded";
  if (at.getTime() < window.from.getTime()) return "scheduled";
  if (window.until && at.getTime() >= window.until.getTime())
    return window.endsBy === "expiry" ? "expired" : "superseded";
  return "in_force";
}
