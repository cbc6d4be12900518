import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/platform/env";

/**
 * A secret of the embedded region kept beside its data (mode 0600), created on first use.
 * Production sets the secret in the environment instead; with PostgreSQL in production a
 * missing secret is an error, never a silently generated file.
 */
export function regionSecretFile(fileName: string, envValue: string | undefined, envName: string): string {
  if (envValue) return envValue;
  const e = env();
  if (e.DATABASE_URL && e.NODE_ENV === "production") {
    throw new Error(`${envName} is required when serving from PostgreSQL in production`);
  }
  const dir = path.resolve(e.DATA_DIR, e.REGION);
  const file = path.join(dir, fileName);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another process of this region created it first: use theirs.
      return readFileSync(file, "utf8").trim();
    }
  }
}
