import "server-only";
import { env } from "@/platform/env";
import { regionSecretFile } from "@/platform/crypto/region-secret-file";

let cached: string | undefined;

/** The key that signs this region's session cookies: NEXTAUTH_SECRET, or the embedded region's own. */
export function authSecret(): string {
  cached ??= regionSecretFile("auth-secret", env().NEXTAUTH_SECRET, "NEXTAUTH_SECRET");
  return cached;
}
