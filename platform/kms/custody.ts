import "server-only";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { env } from "@/platform/env";
import type { StoredTier } from "@/platform/region/tier";

/**
 * Which KMS holds whose keys. Configuration, not code: the tier of a tenant picks a provider
 * and key reference, a tenant entry overrides its tier (a BYOK customer's own key, a national
 * HSM slot), and `region` names the key that wraps the region's own signing keys.
 * `{tenant}` and `{region}` in a key reference are replaced by the tenant slug and region id.
 */
const assignment = z.object({
  provider: z.enum(["local", "pkcs11"]),
  keyRef: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9:{}._/-]+$/, "keyRef may hold letters, digits and : { } . _ / -"),
});
export type KeyAssignment = z.infer<typeof assignment>;

const custodySchema = z
  .object({
    region: assignment.optional(),
    tiers: z.object({ managed: assignment, customer_cloud: assignment, sovereign: assignment }).partial().default({}),
    tenants: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), assignment).default({}),
  })
  .strict();
export type KeyCustody = z.infer<typeof custodySchema>;

type Tier = StoredTier;

let cached: KeyCustody | undefined;

export function keyCustody(): KeyCustody {
  if (cached) return cached;
  const e = env();
  const text = e.KEY_CUSTODY_JSON ?? (e.KEY_CUSTODY_FILE ? readFileSync(e.KEY_CUSTODY_FILE, "utf8") : "{}");
  const parsed = custodySchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(
      `Invalid key custody configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  cached = parsed.data;
  return cached;
}

export function resetKeyCustodyCache(): void {
  cached = undefined;
}

const DEFAULTS: Record<Tier, KeyAssignment> = {
  managed: { provider: "local", keyRef: "terrane-managed/{tenant}" },
  customer_cloud: { provider: "local", keyRef: "terrane-customer-cloud/{tenant}" },
  sovereign: { provider: "local", keyRef: "terrane-sovereign/{tenant}" },
};

function expand(a: KeyAssignment, vars: { tenant?: string; region: string }): KeyAssignment {
  return {
    provider: a.provider,
    keyRef: a.keyRef.replaceAll("{tenant}", vars.tenant ?? "").replaceAll("{region}", vars.region),
  };
}

/** The provider and key reference for a new key of this tenant. */
export function assignmentForTenant(tenant: { slug: string; tier: Tier }): KeyAssignment {
  const c = keyCustody();
  const chosen = c.tenants[tenant.slug] ?? c.tiers[tenant.tier] ?? DEFAULTS[tenant.tier];
  return expand(chosen, { tenant: tenant.slug, region: env().REGION });
}

/** The region key wrapping this region's signing keys. */
export function regionAssignment(): KeyAssignment {
  return expand(keyCustody().region ?? { provider: "local", keyRef: "terrane-region/{region}" }, {
    region: env().REGION,
  });
}
