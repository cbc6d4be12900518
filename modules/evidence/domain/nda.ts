/**
 * The tenant's non-disclosure agreement for auditors: a versioned text, named by its SHA-256 so an
 * acceptance says exactly which words were accepted. Until a tenant sets its own, version 1 is this
 * default, stored the first time someone accepts it (so its digest stays verifiable).
 */
import { sha256Hex } from "@/modules/attestations/domain/statement";

export interface Nda {
  version: number;
  sha256: string;
  text: string;
}

/** The longest NDA text a tenant may set. */
export const MAX_NDA_CHARS = 20_000;

export function defaultNdaText(tenantName: string): string {
  return [
    `Confidentiality undertaking for auditors of ${tenantName}`,
    "",
    `1. You will use the attestations, evidence packages and audit records of ${tenantName} that this portal shows you only for the examination you were engaged for.`,
    "2. You will not disclose them to anyone outside your engagement team without the tenant's written consent, except as the law or your professional standards require.",
    "3. Every page view and download is recorded with your name, e-mail address, time and network address, and the tenant's administrators can see that record.",
    "4. Downloaded PDFs carry your name, e-mail address, the time and a download id.",
    "5. Your access ends at the expiry the tenant set, or earlier if the tenant revokes it. Keep what you downloaded only as long as your working papers require.",
  ].join("\n");
}

export function ndaOf(version: number, text: string): Nda {
  return { version, text, sha256: sha256Hex(text) };
}
