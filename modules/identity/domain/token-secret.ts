import { createHash, randomBytes } from "node:crypto";

const PREFIX = "trn_";

/** A new personal API token (or, with "tin_", a region ingest token): 256 random bits. Only its SHA-256 is ever stored. */
export function generateTokenSecret(kind: "trn_" | "tin_" = PREFIX): { secret: string; prefix: string; hash: string } {
  const secret = `${kind}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, 12), hash: hashTokenSecret(secret) };
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function looksLikeTokenSecret(value: string): boolean {
  return value.startsWith(PREFIX) && /^trn_[A-Za-z0-9_-]{43}$/.test(value);
}

export function looksLikeIngestToken(value: string): boolean {
  return /^tin_[A-Za-z0-9_-]{43}$/.test(value);
}
