import type { BadgeTone } from "@/components/ui/badge";
import type { Drill } from "@/modules/drills/client";

/** A drill's outcome in one word and a tone, the same on every page. */
export function drillOutcome(d: Pick<Drill, "state" | "passed">): { label: string; tone: BadgeTone } {
  if (d.state === "running") return { label: "Running", tone: "info" };
  if (d.state === "failed") return { label: "Failed", tone: "danger" };
  return d.passed ? { label: "Passed", tone: "success" } : { label: "Did not pass", tone: "warning" };
}

/** The headline figure of a finished drill, in words (what the trend plots). */
export function headlineMs(d: Drill): number | null {
  const f = d.result.figures ?? {};
  const n = (v: unknown) => (typeof v === "number" ? v : null);
  if (d.kind === "key_revocation") return n(f.max_ms);
  if (d.kind === "kms_outage") return n(f.recovery_ms);
  const regions = Array.isArray(f.regions) ? (f.regions as { ms?: unknown }[]) : [];
  const times = regions.map((r) => n(r.ms)).filter((x): x is number => x !== null);
  return times.length ? Math.max(...times) : null;
}

export const HEADLINE_LABEL = {
  key_revocation: "slowest instance to revoke",
  kms_outage: "time to decrypt again",
  wrong_region: "slowest region to refuse",
} as const;

/** Step names as people read them. */
export function stepLabel(step: string): string {
  if (step.startsWith("asked_")) return `Asked ${step.slice(6)}`;
  const words: Record<string, string> = {
    drill_key_ready: "Drill key ready",
    decrypts_before: "Decrypts before",
    drill_key_disabled: "Drill key disabled",
    revoked_on_every_instance: "Revoked on every instance",
    decrypt_refused: "Decrypt refused",
    drill_key_enabled: "Drill key enabled",
    decrypts_again: "Decrypts again",
    read_before: "Read path before",
    kms_cut_off: "KMS cut off",
    nothing_decrypts: "Nothing decrypts",
    no_plaintext_served: "No plaintext served",
    kms_restored: "KMS restored",
    read_after: "Read path after",
  };
  return words[step] ?? step.replaceAll("_", " ");
}
