import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  REGION: z
    .string()
    .regex(/^[a-z]{2,4}-[a-z]+-\d$/, "REGION must look like eu-central-1")
    .default("eu-central-1"),
  DATABASE_URL: optionalString,
  DATA_DIR: z.string().default(".data"),
  REGIONS_FILE: optionalString,
  REGIONS_JSON: optionalString,
  NEXTAUTH_SECRET: optionalString,
  /** base64 of 32 random bytes: seals the region's signing keys at rest (until a KMS holds them). */
  REGION_SEALING_KEY: optionalString,
  NEXTAUTH_URL: optionalString,
  OIDC_ISSUER: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_DISPLAY_NAME: z.string().default("Single sign-on"),
  /** How often this instance witnesses the other regions' logs and collects their cosignatures. */
  WITNESS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  /** How often the whole log is recomputed and checked against what was signed. */
  VERIFY_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(604_800).default(300),
  /** Which KMS holds each tier's (and tenant's) keys: a JSON file, or the JSON itself. */
  KEY_CUSTODY_FILE: optionalString,
  KEY_CUSTODY_JSON: optionalString,
  /** PKCS#11 module (an HSM's library, e.g. SoftHSM2's libsofthsm2.so), token label and user PIN. */
  PKCS11_MODULE: optionalString,
  PKCS11_TOKEN_LABEL: optionalString,
  PKCS11_PIN: optionalString,
  /** How long a plaintext data key may stay in memory before its key state is checked again. */
  DEK_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  /** Where lineage datasets without a residency facet live: globs on their namespace (JSON, or a file of it). */
  LINEAGE_NAMESPACE_RULES_JSON: optionalString,
  LINEAGE_NAMESPACE_RULES_FILE: optionalString,
  /**
   * How many reverse proxies in front of the instance append to X-Forwarded-For and are
   * trusted to: 0 (default) uses the connecting socket's address and ignores the header.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Outgoing e-mail of notifications: `smtp://host:port` (STARTTLS when offered) or
   * `smtps://host:port`, with user and password in the URL if the relay needs them, and the
   * sender address. Without both, no e-mail is sent (the in-app list and webhooks still work).
   */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "SMTP_URL must be smtp://host:port or smtps://host:port" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_FROM: optionalString,
  /**
   * Webhook endpoints may be plain http to this machine (localhost, 127.0.0.1, [::1]) outside
   * production; "true" allows it in production too (an on-premises receiver on the same host).
   */
  WEBHOOKS_ALLOW_HTTP_LOCALHOST: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => v === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The validated environment. The only reader of process.env in the product. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
