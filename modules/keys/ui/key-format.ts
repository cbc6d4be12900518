import type { KeySummary, RotationSummary } from "@/modules/keys/client";

export type KeyState = KeySummary["state"];

import { formatDate } from "@/platform/format";

export { formatDate };

/** The rotation periods offered (the API accepts any whole number of days from 90 to 730). */
export const ROTATION_PERIODS = [
  { days: 90, label: "90 days" },
  { days: 180, label: "180 days" },
  { days: 365, label: "1 year" },
  { days: 730, label: "2 years" },
] as const;

export function rotationPeriodLabel(days: number): string {
  return ROTATION_PERIODS.find((p) => p.days === days)?.label ?? `${days} days`;
}

/** What the customer's words for a state are, and what it means for their data. */
export function stateWords(key: Pick<KeySummary, "state" | "deletion_due_at">): { title: string; meaning: string } {
  switch (key.state) {
    case "enabled":
      return {
        title: "Enabled",
        meaning: "Your data in this region can be decrypted by your applications and by the services you allow.",
      };
    case "disabled":
      return {
        title: "Disabled",
        meaning:
          "Every decrypt of this tenant's data in this region fails closed until a customer admin enables the key again.",
      };
    case "pending_deletion":
      return {
        title: `Scheduled for deletion on ${key.deletion_due_at ? formatDate(key.deletion_due_at) : "a set date"}`,
        meaning:
          "Nothing can be decrypted now. On that date the key is destroyed and the data encrypted under it can never be read again, unless the deletion is cancelled first.",
      };
    case "destroyed":
      return {
        title: "Destroyed",
        meaning: "The key was crypto-shredded: the data encrypted under it can never be read again.",
      };
  }
}

/** The background stages of a rotation, in order, in words. */
export const ROTATION_STAGES: { id: string; label: string }[] = [
  { id: "rewrap", label: "Rewrapping data keys under the new version" },
  { id: "new_data_key", label: "Creating a new data key" },
  { id: "reencrypt", label: "Re-encrypting protected data" },
  { id: "retire", label: "Retiring versions nothing uses any more" },
  { id: "completed", label: "Completed" },
];

export function stageLabel(stage: string): string {
  return ROTATION_STAGES.find((s) => s.id === stage)?.label ?? stage.replaceAll("_", " ");
}

export function rotationRunning(rotation: RotationSummary | null): boolean {
  return rotation !== null && rotation.completed_at === null && rotation.error === null;
}

/**
 * Overall progress, 0–100: each stage a share, re-encryption (the long part) by fields done.
 * Stages have no counts of their own except re-encryption, so the bar moves by stage elsewhere.
 */
export function rotationPercent(r: RotationSummary): number {
  if (r.stage === "completed" || r.completed_at) return 100;
  const index = Math.max(
    0,
    ROTATION_STAGES.findIndex((s) => s.id === r.stage),
  );
  const share = r.stage === "reencrypt" && r.total_fields > 0 ? Math.min(1, r.done_fields / r.total_fields) : 0;
  // rewrap 0–10, new data key 10–20, re-encrypt 20–90, retire 90–99.
  const bands = [0, 10, 20, 90, 99];
  const start = bands[index] ?? 0;
  const end = bands[index + 1] ?? 100;
  return Math.round(start + (end - start) * share);
}

export const EVENT_LABEL: Record<string, string> = {
  created: "Key created",
  rotated: "Rotated (new version)",
  rotation_completed: "Rotation completed",
  rotation_period_changed: "Automatic rotation period changed",
  disabled: "Disabled",
  enabled: "Enabled",
  deletion_scheduled: "Deletion scheduled",
  deletion_cancelled: "Deletion cancelled",
  destroyed: "Destroyed (crypto-shredded)",
};

/** A short, readable summary of an event's details (versions, days, dates). */
export function eventDetail(type: string, details: unknown): string {
  const d = (details && typeof details === "object" ? details : {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.from_version === "number" && typeof d.to_version === "number")
    parts.push(`version ${d.from_version} → ${d.to_version}`);
  else if (typeof d.version === "number") parts.push(`version ${d.version}`);
  if (typeof d.trigger === "string" && type === "rotated")
    parts.push(d.trigger === "scheduled" ? "automatic" : "manual");
  if (typeof d.rotation_period_days === "number") parts.push(`every ${rotationPeriodLabel(d.rotation_period_days)}`);
  if (typeof d.deletion_due_at === "string") parts.push(`destroy on ${formatDate(d.deletion_due_at)}`);
  else if (typeof d.days === "number") parts.push(`in ${d.days} days`);
  return parts.join(", ");
}
