import "server-only";
import { BadRequestError } from "@/platform/errors";
import { currentRegion } from "@/platform/region/registry";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";
import { PRIMARY_ALIAS } from "@/modules/keys/server/material";

// The request schemas live with the module's API contract; re-exported for the server's callers.
export { KEY_OPERATIONS, keyUsageAggregate, keyUsageBody, type KeyUsageAggregate } from "@/modules/keys/api-schemas";
import type { KeyUsageAggregate } from "@/modules/keys/api-schemas";
import { DATA_PLANE_SOURCE } from "@/modules/keys/domain/usage-source";

/** Every aggregate ingested here is the data plane's; Terrane's own use is `portal` (usage-counter.ts). */

/**
 * Hourly key-usage aggregates from the region's data plane. Idempotent: an aggregate sent again
 * for the same key, hour, operation and service replaces the earlier one. All or nothing: one
 * bad aggregate refuses the batch and stores none.
 */
export async function ingestKeyUsage(
  tokenId: string,
  input: KeyUsageAggregate | KeyUsageAggregate[],
): Promise<{ accepted: number }> {
  const items = Array.isArray(input) ? input : [input];
  const db = await prisma();
  const slugs = [...new Set(items.map((i) => i.tenant))];
  const tenants = await db.directoryTenant.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, homeRegion: true },
  });
  const bySlug = new Map(tenants.map((t) => [t.slug, t]));
  const here = currentRegion().id;
  const keys = await db.tenantKey.findMany({
    where: { tenantId: { in: tenants.map((t) => t.id) } },
    select: { id: true, tenantId: true, alias: true },
  });
  const resolved = items.map((item, index) => {
    const tenant = bySlug.get(item.tenant);
    if (!tenant)
      throw new BadRequestError(`Aggregate ${index}: no tenant "${item.tenant}" is known here.`, "unknown_tenant", {
        index,
      });
    if (tenant.homeRegion !== here) {
      throw new BadRequestError(
        `Aggregate ${index}: ${item.tenant} is homed in ${tenant.homeRegion}; send its telemetry to that region.`,
        "wrong_region",
        { index },
      );
    }
    const key = keys.find(
      (k) => k.tenantId === tenant.id && (item.key ? k.id === item.key : k.alias === PRIMARY_ALIAS),
    );
    if (!key)
      throw new BadRequestError(`Aggregate ${index}: ${item.tenant} has no such key.`, "unknown_key", { index });
    return { ...item, keyId: key.id, tenantId: tenant.id };
  });
  await db.$transaction(async (tx) => {
    for (const a of resolved) {
      await tx.keyUsageHourly.upsert({
        where: {
          keyId_hour_source_operation_service: {
            keyId: a.keyId,
            hour: a.hour,
            source: DATA_PLANE_SOURCE,
            operation: a.operation,
            service: a.service,
          },
        },
        create: {
          keyId: a.keyId,
          tenantId: a.tenantId,
          hour: a.hour,
          source: DATA_PLANE_SOURCE,
          operation: a.operation,
          service: a.service,
          count: a.count,
          failures: a.failures,
        },
        update: { count: a.count, failures: a.failures, receivedAt: new Date() },
        select: { keyId: true },
      });
    }
    await appendAudit(tx, {
      actor: { type: "system", name: `ingest-token:${tokenId}` },
      action: "ingest.key_usage",
      subject: `ingest_token:${tokenId}`,
      outcome: "success",
      details: { aggregates: resolved.length, tenants: [...new Set(resolved.map((r) => r.tenantId))] },
    });
  });
  return { accepted: resolved.length };
}
