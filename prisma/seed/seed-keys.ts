import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { hourOf } from "@/modules/keys/server/usage-counter";
import { sealFields } from "@/modules/keys/server/protected-fields";
import { ensureTenantKeys } from "@/modules/keys/server/store-canaries";
import { stableId } from "./world";

const HOUR_MS = 3_600_000;

// "security" and "privacy" are the designated contacts (contacts.cedar): the ones the region's
// compliance officers may read too.
const CONTACTS: Record<string, { purpose: string; name: string; email: string; phone: string }[]> = {
  northwind: [
    { purpose: "security", name: "Ingrid Falk", email: "security@northwind.example", phone: "+46 8 555 014 22" },
    { purpose: "privacy", name: "Tomás Arriaga", email: "dpo@northwind.example", phone: "+34 91 555 80 13" },
    // Not a designated contact: the tenant's own people see it, the provider's compliance officers do not.
    { purpose: "billing", name: "Maja Lindqvist", email: "accounts@northwind.example", phone: "+46 8 555 014 40" },
  ],
  kestrel: [
    { purpose: "security", name: "Priya Raman", email: "secops@kestrel-health.example", phone: "+49 30 555 7781" },
    { purpose: "privacy", name: "Lena Vogt", email: "privacy@kestrel-health.example", phone: "+49 30 555 7790" },
    { purpose: "operations", name: "Jonas Weber", email: "noc@kestrel-health.example", phone: "+49 30 555 7700" },
  ],
};

const FIRMS: Record<string, string> = {
  "ledgerline.example": "Ledgerline Assurance LLP",
  "crestaudit.example": "Crest Audit GmbH",
};

const SERVICES = ["shipments-api", "documents-worker", "analytics-etl"];

/**
 * The keys side of the demo: each tenant's key (created as an instance would), its contact
 * people and auditor identities encrypted under it, a canary per store, and two weeks of
 * hourly usage from the data plane so the timeline has a history.
 */
export async function seedKeys(prisma: PrismaClient): Promise<void> {
  await ensureTenantKeys(prisma, { type: "system", name: "demo-seed" });
  const tenants = await prisma.tenant.findMany({ select: { id: true, slug: true, keys: { select: { id: true } } } });
  for (const tenant of tenants) {
    for (const c of CONTACTS[tenant.slug.split("-")[0]!] ?? []) {
      const id = stableId("contact", tenant.slug, c.purpose);
      const { dataKeyId, sealed } = await sealFields(prisma, tenant.id, "tenant_contacts", id, {
        name: c.name,
        email: c.email,
        phone: c.phone,
      });
      await prisma.tenantContact.create({
        data: {
          id,
          tenantId: tenant.id,
          purpose: c.purpose,
          dataKeyId,
          name: sealed.name!,
          email: sealed.email!,
          phone: sealed.phone ?? null,
        },
      });
    }
    const auditors = await prisma.membership.findMany({
      where: { tenantId: tenant.id, role: "auditor" },
      select: { id: true, user: { select: { name: true, email: true } } },
    });
    for (const a of auditors) {
      const id = stableId("auditor", a.id);
      const firm = FIRMS[a.user.email.split("@")[1] ?? ""] ?? "Independent auditor";
      const { dataKeyId, sealed } = await sealFields(prisma, tenant.id, "auditor_identities", id, {
        firm,
        name: a.user.name,
        email: a.user.email,
      });
      await prisma.auditorIdentity.create({
        data: {
          id,
          tenantId: tenant.id,
          membershipId: a.id,
          dataKeyId,
          firm: sealed.firm!,
          name: sealed.name!,
          email: sealed.email!,
        },
      });
    }
    const key = tenant.keys[0];
    if (!key) continue;
    const now = hourOf(new Date()).getTime();
    const rows = [];
    for (let h = 14 * 24; h >= 1; h--) {
      const hour = new Date(now - h * HOUR_MS);
      const load = 0.6 + 0.4 * Math.sin(((hour.getUTCHours() - 6) / 24) * 2 * Math.PI);
      for (const [i, service] of SERVICES.entries()) {
        rows.push({
          keyId: key.id,
          tenantId: tenant.id,
          hour,
          operation: "decrypt",
          service,
          count: Math.round((1_200 - i * 300) * load),
          failures: h % 97 === i ? 2 : 0,
        });
        if (i === 0)
          rows.push({
            keyId: key.id,
            tenantId: tenant.id,
            hour,
            operation: "generate_data_key",
            service,
            count: Math.round(40 * load),
            failures: 0,
          });
      }
    }
    await prisma.keyUsageHourly.createMany({ data: rows });
  }
}

/**
 * The region's ingest token for the demo data plane (the secret exists only in the credentials
 * file); with `tenantId`, bound to that tenant (for stock OpenLineage producers).
 */
export async function seedIngestToken(prisma: PrismaClient, region: string, tenantId?: string): Promise<string> {
  const { secret, prefix, hash } = generateTokenSecret("tin_");
  await prisma.ingestToken.create({
    data: { region, name: tenantId ? "Stock producers" : "Demo data plane", prefix, tokenHash: hash, tenantId },
  });
  return secret;
}
