import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { generateTokenSecret, hashTokenSecret, looksLikeIngestToken } from "@/modules/identity/domain/token-secret";
import { BadRequestError, NotFoundError, UnauthenticatedError } from "@/platform/errors";
import { withRegion } from "@/platform/access/with-region";
import { currentRegion, findRegion, regionUrl } from "@/platform/region/registry";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";

/**
 * Region ingest tokens: how the region's data plane authenticates its telemetry. Provider
 * admins create and revoke them; the secret is shown once and only its SHA-256 is kept. A token
 * may be bound to one tenant, for stock OpenLineage producers (dbt, Airflow, Spark) that cannot
 * add Terrane's facets: their events are that tenant's (docs/lineage.md#stock-producers).
 */
export interface IngestTokenView {
  id: string;
  name: string;
  prefix: string;
  region: string;
  tenant: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const VIEW_SELECT = {
  id: true,
  name: true,
  prefix: true,
  region: true,
  tenantId: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  tenant: { select: { slug: true } },
} as const;

const view = (t: {
  id: string;
  name: string;
  prefix: string;
  region: string;
  tenant: { slug: string } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): IngestTokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  region: t.region,
  tenant: t.tenant?.slug ?? null,
  created_at: t.createdAt.toISOString(),
  last_used_at: t.lastUsedAt?.toISOString() ?? null,
  revoked_at: t.revokedAt?.toISOString() ?? null,
});

export function listIngestTokens(actor: Actor): Promise<{ region: string; tokens: IngestTokenView[] }> {
  return withRegion(actor, "region.ingest.manage", async ({ region }) => {
    const db = await prisma();
    const rows = await db.ingestToken.findMany({
      where: { region: region.id },
      orderBy: { createdAt: "desc" },
      select: VIEW_SELECT,
    });
    return { region: region.id, tokens: rows.map(view) };
  });
}

/**
 * The tenant a new token is bound to: known, and homed in this region (a token of this region
 * cannot report another region's lineage). Refused with 400 before anything is written.
 */
async function bindableTenant(slug: string, here: string): Promise<{ id: string; slug: string }> {
  const db = await prisma();
  const t = await db.directoryTenant.findUnique({
    where: { slug },
    select: { id: true, slug: true, homeRegion: true, tenant: { select: { id: true } } },
  });
  if (t && t.homeRegion !== here) {
    throw new BadRequestError(
      `${slug} is homed in ${t.homeRegion}; create its ingest token in that region.`,
      "wrong_region",
      {
        path: "tenant",
        home_region: t.homeRegion,
        ...(findRegion(t.homeRegion) ? { home_url: regionUrl(t.homeRegion, "/api/v1/region/ingest-tokens") } : {}),
      },
    );
  }
  if (!t?.tenant) throw new BadRequestError(`No tenant "${slug}" is known here.`, "unknown_tenant", { path: "tenant" });
  return { id: t.id, slug: t.slug };
}

export async function createIngestToken(
  actor: Actor,
  input: { name: string; tenant?: string | null },
): Promise<IngestTokenView & { token: string }> {
  return withRegion(actor, "region.ingest.manage", async ({ actor, region }) => {
    const db = await prisma();
    const bound = input.tenant ? await bindableTenant(input.tenant, region.id) : null;
    const { secret, prefix, hash } = generateTokenSecret("tin_");
    const row = await db.$transaction(async (tx) => {
      const created = await tx.ingestToken.create({
        data: {
          region: region.id,
          name: input.name,
          prefix,
          tokenHash: hash,
          createdById: actor.userId,
          tenantId: bound?.id ?? null,
        },
        select: VIEW_SELECT,
      });
      // A bound token is written to its tenant's audit log too: the customer sees who may report for it.
      await appendAudit(tx, {
        actor,
        tenantId: bound?.id ?? null,
        action: "ingest_token.created",
        subject: `ingest_token:${created.id}`,
        outcome: "success",
        details: { name: input.name, prefix, tenant: bound?.slug ?? null },
      });
      return created;
    });
    return { ...view(row), token: secret };
  });
}

export function revokeIngestToken(actor: Actor, id: string): Promise<IngestTokenView> {
  return withRegion(actor, "region.ingest.manage", async ({ actor, region }) => {
    const db = await prisma();
    return db.$transaction(async (tx) => {
      const found = await tx.ingestToken.findFirst({ where: { id, region: region.id }, select: VIEW_SELECT });
      if (!found) throw new NotFoundError("No such ingest token.", "ingest_token_not_found");
      if (found.revokedAt) return view(found);
      const revoked = await tx.ingestToken.update({
        where: { id },
        data: { revokedAt: new Date() },
        select: VIEW_SELECT,
      });
      await appendAudit(tx, {
        actor,
        tenantId: found.tenantId,
        action: "ingest_token.revoked",
        subject: `ingest_token:${id}`,
        outcome: "success",
        details: { name: found.name, prefix: found.prefix, tenant: found.tenant?.slug ?? null },
      });
      return view(revoked);
    });
  });
}

export interface IngestCredential {
  tokenId: string;
  /** The slug of the tenant the token is bound to; null when unbound. */
  tenant: string | null;
}

/**
 * The data plane's credential on ingest endpoints: a live ingest token of this region. A token
 * bound to a tenant is made for that tenant's stock OpenLineage producers, which may run on the
 * customer's side; only the OpenLineage endpoint takes it (`bound: "allow"`): the provider's
 * own ingest (key usage, staff accesses, the access broker) refuses it like an unknown token.
 */
export async function authenticateIngest(
  request: Request,
  options: { bound?: "allow" | "refuse" } = {},
): Promise<IngestCredential> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !looksLikeIngestToken(match[1])) {
    throw new UnauthenticatedError("Send the region's ingest token as `Authorization: Bearer tin_…`.", "invalid_token");
  }
  const db = await prisma();
  const token = await db.ingestToken.findUnique({
    where: { tokenHash: hashTokenSecret(match[1]) },
    select: { id: true, region: true, revokedAt: true, lastUsedAt: true, tenant: { select: { slug: true } } },
  });
  if (!token || token.revokedAt || token.region !== currentRegion().id) {
    throw new UnauthenticatedError("This ingest token is unknown here or was revoked.", "invalid_token");
  }
  if (token.tenant && options.bound !== "allow") {
    throw new UnauthenticatedError(
      "This ingest token is bound to a tenant and reports that tenant's OpenLineage events only; use an unbound ingest token here.",
      "invalid_token",
    );
  }
  // Last use is kept to the minute: a busy pipeline must not write on every call.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.ingestToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() }, select: { id: true } });
  }
  return { tokenId: token.id, tenant: token.tenant?.slug ?? null };
}
