import "server-only";
import type { UserActor } from "@/platform/auth/actor";
import { prisma } from "@/platform/db/db";

export interface TokenScope {
  value: string | null;
  label: string;
}

/** What a new token of this user could act on: each live membership here, and provider scope for staff. */
export async function tokenScopesFor(actor: UserActor): Promise<TokenScope[]> {
  const db = await prisma();
  const memberships = await db.membership.findMany({
    where: { userId: actor.userId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    select: { role: true, tenant: { select: { slug: true, name: true } } },
    orderBy: { tenant: { slug: "asc" } },
  });
  const scopes: TokenScope[] = memberships.map((m) => ({
    value: m.tenant.slug,
    label: `${m.tenant.name} (${m.tenant.slug})`,
  }));
  if (actor.providerRole) scopes.push({ value: null, label: "Provider scope (this region)" });
  return scopes;
}
