/**
 * Who holds a key's material, in the words every page uses (the keys page, the drill key's note,
 * the attestation's PDF): from the KMS provider the key was created in and the tenant's tier.
 *
 * A PKCS#11 key of a sovereign-tier tenant is in the national HSM that tier promises; any other
 * PKCS#11 key is in a hardware security module; a `local` key is in Terrane's software KMS (its
 * material sealed under the region master key), which is not an HSM and is never called one.
 * Pure: the server, the API and the UI import the same words.
 */
export const CUSTODY_KINDS = ["national_hsm", "hsm", "software_kms", "unknown"] as const;
export type CustodyKind = (typeof CUSTODY_KINDS)[number];

/** `tier` in either spelling (the database's `customer_cloud` or the API's `customer-cloud`). */
export function custodyKind(provider: string, tier: string): CustodyKind {
  if (provider === "pkcs11") return tier === "sovereign" ? "national_hsm" : "hsm";
  if (provider === "local") return "software_kms";
  return "unknown";
}

/** A table cell or a "Held in" value. */
export const CUSTODY_LABEL: Record<Exclude<CustodyKind, "unknown">, string> = {
  national_hsm: "National HSM (PKCS#11)",
  hsm: "Hardware security module (PKCS#11)",
  software_kms: "Software KMS (region-local; not an HSM)",
};

/** Inside a sentence: "Held in the national HSM (PKCS#11)". */
const CUSTODY_PHRASE: Record<Exclude<CustodyKind, "unknown">, string> = {
  national_hsm: "the national HSM (PKCS#11)",
  hsm: "a hardware security module (PKCS#11)",
  software_kms: "the region's software KMS (not an HSM)",
};

/** The label of a key held by `provider`; a provider Terrane has no words for is named as it is. */
export function custodyLabel(kind: CustodyKind, provider: string): string {
  return kind === "unknown" ? `KMS provider "${provider}"` : CUSTODY_LABEL[kind];
}

export function custodyPhrase(kind: CustodyKind, provider: string): string {
  return kind === "unknown" ? `the KMS provider "${provider}"` : CUSTODY_PHRASE[kind];
}

/**
 * What a page must say when the key is not where the tenant's tier promises it: the sovereign
 * tier promises a national HSM (platform/region/tier.ts), so a sovereign tenant's key anywhere
 * else is named as such (the demo falls back to the software KMS where SoftHSM2 is missing).
 * Null when the key is where the tier promises, or the tier promises nothing Terrane can check.
 */
export function custodyShortfall(kind: CustodyKind, provider: string, tier: string): string | null {
  if (tier !== "sovereign" || kind === "national_hsm") return null;
  return `The sovereign tier promises a national HSM, but this key is held in ${custodyPhrase(kind, provider)}.`;
}
