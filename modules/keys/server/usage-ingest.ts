import "server-only";
import { z } from "zod";
import { isStorableInstant } from "@/platform/schema/query";
import { BadRequestError } from "@/platform/errors";
import { currentRegion } from "@/platform/region/registry";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";
import { PRIMARY_ALIAS } from "@/modules/keys/server/material";

export const KEY_OPERATIONS = ["encrypt", "decrypt", "generate_data_key", "reencrypt", "sign", "verify"] as const;

const HOUR_MS = 3_600_000;

export const keyUsageAggregate = z
  .object({
    tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a tenant slug"),
    key: z.uuid().optional(),
    hour: z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s))
      .refine(isStorableInstant, "must be a date between the years 0001 and 9999")
      .refine(
        (d) => d.getTime() % HOUR_MS === 0,
        "must be the start of an hour (minutes, seconds and milliseconds zero)",
      )
      // The hour in progress may be reported (a running tally); a later one may not.
      .refine((d) => d.getTime() <= Date.now(), "must not be in the future (the current hour at the latest)"),
    operation: z.enum(KEY_OPERATIONS),
    service: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[A-Za-z0-9._:@/-]+$/, "must be a service identity (letters, digits and . _ : @ / -)"),
    count: z.number().int().min(0).max(1_000_000_000),
    failures: z.number().int().min(0).max(1_000_000_000),
  })
  .strict()
  .refine((a) => a.failures <= a.count, { message: "failures cannot exceed count", path: ["failures"] });

export const keyUsageBody = z.union([keyUsageAggregate, z.array(keyUsageAggregate).min(1).max(1_000)]);
export type KeyUsageAggregate = z.infer<typeof keyUsageAggregate>;

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
          keyId_hour_operation_service: { keyId: a.keyId, hour: a.hour, operation: a.operation, service: a.service },
        },
        create: {
          keyId: a.keyId,
          tenantId: a.tenantId,
          hour: a.hour,
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
