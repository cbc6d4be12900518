import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { ProviderRoleName, TenantRoleName } from "@/platform/policy/roles";

/** A tenant in the directory, homed in `homeRegion`; with its register row when homed here. */
export async function createTenant(
  prisma: PrismaClient,
  slug: string,
  options: { homeRegion?: string; here?: boolean; tier?: "managed" | "customer_cloud" | "sovereign" } = {},
): Promise<string> {
  const id = randomUUID();
  const orgSlug = `org-${slug}`;
  const org = await prisma.directoryOrganisation.upsert({
    where: { slug: orgSlug },
    create: { id: randomUUID(), slug: orgSlug, name: `Organisation of ${slug}` },
    update: {},
  });
  await prisma.directoryTenant.create({
    data: { id, slug, organisationId: org.id, homeRegion: options.homeRegion ?? "eu-central-1" },
  });
  if (options.here ?? true)
    await prisma.tenant.create({ data: { id, slug, name: `Tenant ${slug}`, tier: options.tier ?? "managed" } });
  return id;
}

/** A user without a password (tests that need one sign in through seedRegion's users). */
export async function createUser(
  prisma: PrismaClient,
  email: string,
  options: { providerRole?: ProviderRoleName; passwordHash?: string; memberships?: [string, TenantRoleName][] } = {},
): Promise<string> {
  const user = await prisma.user.create({
    data: {
      email,
      name: email.split("@")[0]!,
      providerRole: options.providerRole ?? null,
      passwordHash: options.passwordHash ?? null,
      employer: options.providerRole ? "Terrane Cloud GmbH" : null,
      officeCountry: options.providerRole ? "DE" : null,
    },
  });
  for (const [tenantId, role] of options.memberships ?? []) {
    await prisma.membership.create({ data: { userId: user.id, tenantId, role } });
  }
  return user.id;
}

/** Every row of `table` as PostgreSQL prints it: to prove a secret is nowhere in it. */
export async function tableText(prisma: PrismaClient, table: string): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<{ text: string | null }[]>(
    `SELECT string_agg(t::text, '\n') AS text FROM "${table}" t`,
  );
  return rows[0]?.text ?? "";
}
