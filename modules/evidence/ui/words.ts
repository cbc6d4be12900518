import type { AuditorSummary, ScopeRequest } from "@/modules/evidence/client";

export const STATE_WORDS: Record<AuditorSummary["state"], string> = {
  awaiting_nda: "Invited: NDA not accepted yet",
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};

export const STATE_TONES: Record<AuditorSummary["state"], "warning" | "success" | "neutral" | "danger"> = {
  awaiting_nda: "warning",
  active: "success",
  expired: "neutral",
  revoked: "danger",
};

export const ACCESS_WORDS: Record<AuditorSummary["access"], string> = {
  attestations: "Attestations only",
  evidence: "Full evidence",
};

export const REQUEST_STATE_WORDS: Record<ScopeRequest["state"], string> = {
  pending: "Waiting for a decision",
  approved: "Approved",
  denied: "Denied",
  lapsed: "Lapsed (the engagement ended undecided)",
};

export const REQUEST_STATE_TONES: Record<ScopeRequest["state"], "warning" | "success" | "neutral" | "danger"> = {
  pending: "warning",
  approved: "success",
  denied: "danger",
  lapsed: "neutral",
};

export const ACTIVITY_WORDS: Record<string, string> = {
  "attestations.viewed": "Viewed the attestations",
  "attestation.downloaded": "Downloaded a signed attestation",
  "attestation.pdf_downloaded": "Downloaded an attestation PDF",
  "evidence.downloaded": "Downloaded an evidence package",
  "nda.accepted": "Accepted the NDA",
};

/** What an evidence package holds, folder by folder (docs/evidence.md, "What is inside", has every file). */
export const PACKAGE_CONTENTS: { path: string; what: string }[] = [
  { path: "attestations/", what: "the period's signed attestations and the tenant's signed index of them" },
  {
    path: "audit/",
    what: "the tenant's audit-log entries of the period, each with its inclusion proof, and the signed checkpoints",
  },
  { path: "custody/", what: "key events and the signed receipts of disabled keys" },
  { path: "decisions/", what: "sharing decision versions, their workflow steps and the Cedar policy in force" },
  { path: "lineage/", what: "datasets, jobs and flows with their verdicts, and border alerts" },
  { path: "support/", what: "provider staff's access to the data: requests, grants and each access" },
  {
    path: "people.jsonl",
    what: "the people the other files name by id: the tenant's members and the provider's staff",
  },
  { path: "controls.csv", what: "ISO/IEC 27001, SOC 2 and GDPR controls mapped to the files that evidence them" },
  {
    path: "manifest.json",
    what: "every file with its SHA-256 and size, signed with the region's key (manifest.sig.json)",
  },
  {
    path: "verify.sh",
    what: "checks the signatures, digests and row counts with sha256sum, openssl and a POSIX shell",
  },
  { path: "samples.json", what: "with a sample size: the lines drawn from each list, and the seed that drew them" },
];

/** A refused download, in plain words; the server's own message follows. */
export const PACKAGE_ERROR_WORDS: Record<string, string> = {
  period_malformed: "The period is not one the server understands.",
  period_in_future: "That period has not ended yet.",
  period_too_long: "That period is longer than a year.",
  period_empty: "That period is empty.",
  out_of_scope: "Your engagement does not cover this.",
  nda_required: "Accept the tenant's NDA first.",
  sample_invalid: "The sample size or the seed was refused.",
  invalid_query: "The server did not accept the period, sample size or seed as sent.",
  forbidden: "Your role does not allow downloading evidence packages.",
  unauthenticated: "Your session has ended: sign in again.",
  not_found: "This tenant is not available to you any more.",
  unexpected_answer: "The server's answer was not a package.",
  wrong_region: "This tenant is served by another region's instance.",
  signing_key_unavailable: "The region cannot sign the package right now.",
};
