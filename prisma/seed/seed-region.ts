import type { AuditAction } from "@/modules/audit/domain/actions";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/modules/identity/domain/password";
import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { ORGANISATIONS, PEOPLE, TENANTS, stableId, type SeedPerson, type SeedRole } from "./world";

export interface SeededUser {
  email: string;
  password: string;
  role: SeedRole;
  region: string;
  tenant: string | null;
}

export interface SeededToken {
  token: string;
  email: string;
  role: SeedRole;
  region: string;
  tenant: string | null;
}

const DAY_MS = 86_400_000;

/** Readable but strong: four groups of random base32, e.g. `kq4m-7zpa-3xw2-hv9d`. */
export function demoPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

function peopleOf(region: string): { person: SeedPerson; tenants: string[] }[] {
  const homedHere = new Set(TENANTS.filter((t) => t.homeRegion === region).map((t) => t.slug));
  return PEOPLE.flatMap((person) => {
    if (person.region) return person.region === region ? [{ person, tenants: [] }] : [];
    const tenants = (person.tenants ?? []).filter((slug) => homedHere.has(slug));
    return tenants.length > 0 ? [{ person, tenants }] : [];
  });
}

/**
 * Seeds one region: the whole replicated directory, the tenants homed here with their
 * stores, the people who work here, and one API token each. `passwords` maps email to
 * password so a person has the same password in every region they use.
 */
export async function seedRegion(
  prisma: PrismaClient,
  region: string,
  passwords: Map<string, string>,
): Promise<{ users: SeededUser[]; tokens: SeededToken[] }> {
  const people = peopleOf(region);
  const hashes = new Map(
    await Promise.all(
      people.map(async ({ person }) => [person.email, await hashPassword(passwords.get(person.email)!)] as const),
    ),
  );
  const users: SeededUser[] = [];
  const tokens: SeededToken[] = [];

  await prisma.$transaction(
    async (tx) => {
      for (const org of ORGANISATIONS) {
        await tx.directoryOrganisation.create({
          data: { id: stableId("org", org.slug), slug: org.slug, name: org.name },
        });
      }
      for (const t of TENANTS) {
        await tx.directoryTenant.create({
          data: {
            id: stableId("tenant", t.slug),
            slug: t.slug,
            organisationId: stableId("org", t.organisation),
            homeRegion: t.homeRegion,
          },
        });
      }
      const catalogue = new Map(
        (await tx.dataClass.findMany({ where: { tenantId: null }, select: { id: true, key: true } })).map((d) => [
          d.key,
          d.id,
        ]),
      );
      const reportedAt = new Date(Date.now() - 12 * 60_000);
      for (const t of TENANTS.filter((x) => x.homeRegion === region)) {
        const tenantId = stableId("tenant", t.slug);
        await tx.tenant.create({ data: { id: tenantId, slug: t.slug, name: t.name, tier: t.tier } });
        for (const s of t.stores) {
          await tx.store.create({
            data: {
              tenantId,
              name: s.name,
              kind: s.kind,
              engine: s.engine,
              region: s.region ?? t.homeRegion,
              recordCount: BigInt(s.records),
              sizeBytes: BigInt(s.gigabytes) * 1_000_000_000n,
              countsReportedAt: reportedAt,
              dataClasses: { create: s.dataClasses.map((key) => ({ dataClassId: catalogue.get(key)! })) },
            },
          });
        }
      }

      for (const { person, tenants } of people) {
        const password = passwords.get(person.email)!;
        const user = await tx.user.create({
          data: {
            email: person.email,
            name: person.name,
            passwordHash: hashes.get(person.email)!,
            providerRole: person.region
              ? (person.role as "compliance_officer" | "support_engineer" | "provider_admin")
              : null,
            employer: person.employer ?? null,
            officeCountry: person.officeCountry ?? null,
            locationCountry: person.locationCountry ?? null,
            jobTitle: person.jobTitle ?? null,
          },
        });
        if (person.region) {
          users.push({ email: person.email, password, role: person.role, region, tenant: null });
        }
        for (const slug of tenants) {
          const auditor = person.role === "auditor";
          await tx.membership.create({
            data: {
              userId: user.id,
              tenantId: stableId("tenant", slug),
              role: person.role as "customer_admin" | "customer_viewer" | "auditor",
              // The demo's auditors have full evidence of this year and last, and have not
              // accepted the NDA yet (a newcomer sees the whole path; seed-evidence.ts accepts it).
              expiresAt: auditor ? new Date(Date.now() + 89 * DAY_MS) : null,
              ...(auditor
                ? {
                    evidenceAccess: "evidence",
                    scopeFrom: new Date(Date.UTC(new Date().getUTCFullYear() - 1, 0, 1)),
                    scopeTo: new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1)),
                  }
                : {}),
            },
          });
          users.push({ email: person.email, password, role: person.role, region, tenant: slug });
        }
        const tokenTenant = tenants[0] ?? null;
        const secret = generateTokenSecret();
        await tx.apiToken.create({
          data: {
            userId: user.id,
            tenantId: tokenTenant ? stableId("tenant", tokenTenant) : null,
            name: "Demo token",
            prefix: secret.prefix,
            tokenHash: secret.hash,
            expiresAt: new Date(Date.now() + (person.role === "auditor" ? 89 : 90) * DAY_MS),
          },
        });
        tokens.push({ token: secret.secret, email: person.email, role: person.role, region, tenant: tokenTenant });
      }

      await tx.auditEntry.create({
        data: {
          region,
          actorType: "system",
          actorId: "demo-seed",
          // Written directly rather than through appendAudit, but still a registered action.
          action: "demo.seeded" satisfies AuditAction,
          outcome: "success",
          details: { tenants: TENANTS.filter((t) => t.homeRegion === region).map((t) => t.slug), users: people.length },
          salt: randomBytes(16).toString("hex"),
        },
      });
    },
    { timeout: 120_000 },
  );
  return { users, tokens };
}

export function passwordsForEveryone(): Map<string, string> {
  return new Map(PEOPLE.map((p) => [p.email, demoPassword()]));
}
