import "server-only";
import { randomBytes } from "node:crypto";
import { seal, unseal } from "@/platform/crypto/sealing";
import { env } from "@/platform/env";
import { toBytes } from "@/platform/db/bytes";

/**
 * An endpoint's signing secret: `whsec_` and the base64 of 32 random bytes (the Standard
 * Webhooks format). Stored only sealed under the region's key, bound to the endpoint's id and
 * region, so a sealed secret copied to another row does not open. Shown once, at creation.
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

function context(endpointId: string): string {
  return `terrane:webhook-secret:${env().REGION}:${endpointId}`;
}

export function sealWebhookSecret(endpointId: string, secret: string): Uint8Array<ArrayBuffer> {
  return toBytes(seal(Buffer.from(secret, "utf8"), context(endpointId)));
}

export function openWebhookSecret(endpointId: string, sealed: Uint8Array): string {
  return unseal(Buffer.from(sealed), context(endpointId)).toString("utf8");
}
