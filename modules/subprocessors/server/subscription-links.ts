import "server-only";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { derivedKey } from "@/platform/crypto/sealing";
import { regionUrl } from "@/platform/region/registry";
import type { EmailHeaders } from "@/modules/notifications/server/email";

/**
 * The secrets in a subscriber's links. The database keeps only their SHA-256: a copy of it
 * lets nobody confirm or unsubscribe anyone.
 *
 * - The confirmation secret is random, mailed once, replaced by a re-send.
 * - The unsubscribe secret must be in every later e-mail, yet is not stored: it is an HMAC of
 *   the subscription's id under a key derived from the region's key-encryption key, so the
 *   region recomputes it for each e-mail and a link in an old e-mail keeps working.
 */

/** Where the links' buttons are (a page that asks before it changes anything). */
export const SUBSCRIPTION_PAGE = "/subprocessors/subscription";
export const ONE_CLICK_PATH = "/api/v1/subprocessors/subscriptions/unsubscribe";

export function newConfirmSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function linkDigest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The key is derived per call (microseconds), so it follows the region's key and is not kept in memory. */
export function unsubscribeSecrets(region: string, subscriptionIds: readonly string[]): string[] {
  const key = derivedKey("subprocessor-unsubscribe:v1");
  return subscriptionIds.map((id) => createHmac("sha256", key).update(`${region}:${id}`, "utf8").digest("base64url"));
}

export function unsubscribeSecret(region: string, subscriptionId: string): string {
  return unsubscribeSecrets(region, [subscriptionId])[0]!;
}

export function confirmPageUrl(region: string, secret: string): string {
  return regionUrl(region, `${SUBSCRIPTION_PAGE}?confirm=${secret}`);
}

export function unsubscribePageUrl(region: string, secret: string): string {
  return regionUrl(region, `${SUBSCRIPTION_PAGE}?unsubscribe=${secret}`);
}

/**
 * RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` to the URL
 * (a GET of it only shows the page with the button). RFC 8058 asks for an https URL and a DKIM
 * signature covering both headers: the region's URL and the SMTP relay provide those.
 */
export function unsubscribeHeaders(region: string, secret: string): EmailHeaders {
  return {
    "List-Unsubscribe": `<${regionUrl(region, `${ONE_CLICK_PATH}?token=${secret}`)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** 303 to the page with the button (relative: the instance may sit behind a proxy). */
export function linkPageRedirect(kind: "confirm" | "unsubscribe", secret: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location: `${SUBSCRIPTION_PAGE}?${kind}=${secret}`, "cache-control": "no-store" },
  });
}
