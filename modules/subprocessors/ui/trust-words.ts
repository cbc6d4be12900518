/**
 * The trust page's words for what the register stores as keys: data classes by their catalogue
 * names, storage regions by the registry's names, key custody and purposes of the region's keys.
 * Pure, so tests read the page's words without a browser.
 */
import { KEY_CUSTODY_LABELS } from "@/modules/subprocessors/domain/vocabulary";
import type { UpcomingChange } from "@/modules/subprocessors/api-schemas/public";
import { formatDateTime } from "@/platform/format";
import type { RegisterNames } from "@/modules/subprocessors/ui/register-words";
import type { TrustPage } from "@/modules/subprocessors/server/trust-page";

export function trustNames(page: Pick<TrustPage, "data_class_names" | "region_names">): RegisterNames {
  return {
    dataClasses: new Map(Object.entries(page.data_class_names)),
    regions: new Map(Object.entries(page.region_names)),
  };
}

/** A data class by name ("Customer personal data"); its key where the catalogue has no such class. */
export function dataClassName(key: string, names: RegisterNames): string {
  return names.dataClasses.get(key) ?? key;
}

export function keyCustodyWords(custody: readonly string[]): string {
  if (custody.length === 0) return "Provider-held keys only";
  return custody.map((c) => KEY_CUSTODY_LABELS[c as keyof typeof KEY_CUSTODY_LABELS] ?? c).join("; ");
}

/** When an announced change takes effect, always with its zone: "Takes effect on 9 Jan 2027, 10:00 UTC; announced …". */
export function upcomingWhen(change: Pick<UpcomingChange, "effective_at" | "announced_at" | "notice_days">): string {
  const announced = change.announced_at ? `; announced on ${formatDateTime(change.announced_at)}` : "";
  const notice = change.notice_days !== null ? ` with ${change.notice_days} days' notice` : "";
  return `Takes effect on ${formatDateTime(change.effective_at)}${announced}${notice}.`;
}

const KEY_PURPOSES: Record<string, string> = {
  "audit-log": "Signs the audit log's checkpoints",
  witness: "Cosigns other regions' checkpoints as a witness",
  "support-grant": "Signs support-access grants",
  attestation: "Signs residency attestations, evidence manifests and register snapshots",
};

export function keyPurposeWords(purpose: string): string {
  return KEY_PURPOSES[purpose] ?? purpose;
}

/** The public feeds of the register and the region, with what each is for. */
export const TRUST_FEEDS = [
  { href: "/api/v1/subprocessors", what: "The register as JSON, with upcoming changes" },
  { href: "/api/v1/subprocessors?format=csv", what: "The register as CSV, for a spreadsheet" },
  { href: "/subprocessors.atom", what: "Atom feed of changes, for a feed reader" },
  { href: "/api/v1/subprocessors/snapshots", what: "Signed snapshots of the register, one per change" },
  { href: "/.well-known/trust.json", what: "This region's public endpoints, machine-readable" },
  { href: "/.well-known/jwks.json", what: "This region's public signing keys (JWKS)" },
  { href: "/api/v1/audit/checkpoint", what: "The audit log's latest signed checkpoint" },
] as const;
