import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { loadDecisions } from "@/modules/sharing/server/store";
import type { Tx } from "@/platform/db/transaction";
import { compileSharingPolicy, type CompilableVersion } from "@/modules/sharing/domain/compile";
import { loadPolicy, type LoadedPolicy } from "@/modules/sharing/domain/engine";

/**
 * Each tenant's compiled sharing policy, cached in this process. Every decision change bumps
 * the tenant's revision in the same transaction and drops this process's copy at once; other
 * replicas of the region notice the new revision within RECHECK_MS, so a lineage burst costs
 * one small query per second per tenant rather than one per edge.
 */
const RECHECK_MS = 1_000;

type Db = PrismaClient | Tx;

interface CacheEntry {
  /** The database it was compiled from: an entry never answers for another one (tests open several). */
  db: Db;
  revision: number;
  checkedAt: number;
  policy: LoadedPolicy;
}

const cache = new Map<string, CacheEntry>();

/** Called in the transaction of every decision change. */
export async function bumpSharingRevision(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO sharing_policy_revisions (tenant_id, revision, updated_at) VALUES (${tenantId}, 1, now())
    ON CONFLICT (tenant_id) DO UPDATE SET revision = sharing_policy_revisions.revision + 1, updated_at = now()`;
}

/** Called after a decision change commits, so this process never evaluates with the old policy. */
export function forgetSharingPolicy(tenantId: string): void {
  cache.delete(tenantId);
}

async function currentRevision(db: Db, tenantId: string): Promise<number> {
  const row = await db.sharingPolicyRevision.findUnique({ where: { tenantId }, select: { revision: true } });
  return row?.revision ?? 0;
}

/** The accepted versions that are, were or will be in force, with their windows. */
export async function compilableVersions(db: Db, tenantId: string): Promise<CompilableVersion[]> {
  const decisions = await loadDecisions(db, tenantId, { statuses: ["accepted"] });
  return decisions.flatMap((d) =>
    d.versions.flatMap((v) => {
      const window = d.windows.get(v.id);
      if (!window) return [];
      return [
        {
          versionId: v.id,
          decisionId: d.id,
          version: v.version,
          dataClass: d.dataClassKey,
          destination: d.destination,
          outcome: v.outcome,
          legalBasis: v.legalBasis,
          tiaRef: v.tiaRef,
          dpaClause: v.dpaClause,
          window,
        },
      ];
    }),
  );
}

/** The tenant's policy, compiled and loaded into Cedar, from the cache when still current. */
export async function sharingPolicy(db: Db, tenantId: string): Promise<LoadedPolicy> {
  const cached = cache.get(tenantId);
  const hit = cached?.db === db ? cached : undefined;
  if (hit && Date.now() - hit.checkedAt < RECHECK_MS) return hit.policy;
  const revision = await currentRevision(db, tenantId);
  if (hit && hit.revision === revision) {
    hit.checkedAt = Date.now();
    return hit.policy;
  }
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: { slug: true, directory: { select: { homeRegion: true } } },
  });
  if (!tenant) throw new Error(`No tenant ${tenantId} in this region`);
  const compiled = compileSharingPolicy(
    { slug: tenant.slug, homeRegion: tenant.directory.homeRegion },
    await compilableVersions(db, tenantId),
    revision,
  );
  const policy = loadPolicy(tenantId, compiled);
  cache.set(tenantId, { db, revision, checkedAt: Date.now(), policy });
  return policy;
}
