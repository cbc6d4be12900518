/** Plain words for the queue's figures. Pure. */
import { formatDuration } from "@/platform/format";

/**
 * "45 min", "5 h 12 min", "3 d 4 h": how long an item has waited (or waited until it closed), to
 * the minute, as platform/format.ts writes a duration.
 */
export function ageWords(seconds: number): string {
  return formatDuration(Math.max(0, Math.floor(seconds / 60) * 60));
}

/** "12 h", "5 d": an SLA in hours, as platform/format.ts writes a duration. */
export function slaWords(hours: number): string {
  return formatDuration(hours * 3_600);
}
