import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { generateTokenSecret, hashTokenSecret, looksLikeIngestToken } from "@/modules/identity/domain/token-secret";
import { NotFoundError, UnauthenticatedError } from "@/platform/errors";
import { withRegion } from "@/platform/access/with-region";
import { currentRegion } from "@/platform/region/registry";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";

/**
 * Region ingest tokens: how the region's data plane authenticates its telemetry. Provider
 * admins create and revoke them; the secret is shown once and only its SHA-256 is kept.
 */
export interface IngestTokenView {
  id: string;
  name: string;
  prefix: string;
  region: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const view = (t: {
  id: string;
  name: string;
  prefix: string;
  region: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): IngestTokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  region: t.region,
  created_at: t.createdAt.toISOString(),
  last_used_at: t.lastUsedAt?.toISOString() ?? null,
  revoked_at: t.revokedAt?.toISOString() ?? null,
});

export function listIngestTokens(actor: Actor): Promise<{ region: string; tokens: IngestTokenView[] }> {
  return withRegion(actor, "region.ingest.manage", async ({ region }) => {
    const db = await prisma();
    const rows = await db.ingestToken.findMany({ where: { region: region.id }, orderBy: { createdAt: "desc" } });
    return { region: region.id, tokens: rows.map(view) };
  });
}

export async function createIngestToken(
  actor: Actor,
  input: { name: string },
): Promise<IngestTokenView & { token: string }> {
  return withRegion(actor, "region.ingest.manage", async ({ actor, region }) => {
    const db = await prisma();
    const { secret, prefix, hash } = generateTokenSecret("tin_");
    const row = await db.$transaction(async (tx) => {
      const created = await tx.ingestToken.create({
        data: { region: region.id, name: input.name, prefix, tokenHash: hash, createdById: actor.userId },
      });
      await appendAudit(tx, {
        actor,
        action: "ingest_token.created",
        subject: `ingest_token:${created.id}`,
        outcome: "success",
        details: { name: input.name, prefix },
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
      const found = await tx.ingestToken.findFirst({ where: { id, region: region.id } });
      if (!found) throw new NotFoundError("No such ingest token.", "ingest_token_not_found");
      if (found.revokedAt) return view(found);
      const revoked = await tx.ingestToken.update({ where: { id }, data: { revokedAt: new Date() } });
      await appendAudit(tx, {
        actor,
        action: "ingest_token.revoked",
        subject: `ingest_token:${id}`,
        outcome: "success",
        details: { name: found.name, prefix: found.prefix },
      });
      return view(revoked);
    });
  });
}

/** The data plane's credential on ingest endpoints: a live ingest token of this region. */
export async function authenticateIngest(request: Request): Promise<{ tokenId: string }> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !looksLikeIngestToken(match[1])) {
    throw new UnauthenticatedError("Send the region's ingest token as `Authorization: Bearer tin_…`.", "invalid_token");
  }
  const db = await prisma();
  const token = await db.ingestToken.findUnique({
    where: { tokenHash: hashTokenSecret(match[1]) },
    select: { id: true, region: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt || token.region !== currentRegion().id) {
    throw new UnauthenticatedError("This ingest token is unknown here or was revoked.", "invalid_token");
  }
  // Last use is kept to the minute: a busy pipeline must not write on every call.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.ingestToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() }, select: { id: true } });
  }
  return { tokenId: token.id };
}
