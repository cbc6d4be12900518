import type { AuditorSummary } from "@/modules/evidence/client";

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

export const ACTIVITY_WORDS: Record<string, string> = {
  "attestations.viewed": "Viewed the attestations",
  "attestation.downloaded": "Downloaded a signed attestation",
  "attestation.pdf_downloaded": "Downloaded an attestation PDF",
  "evidence.downloaded": "Downloaded an evidence package",
  "nda.accepted": "Accepted the NDA",
};
