import "server-only";
import type { z } from "zod";
import { prisma } from "@/platform/db/db";
import type { Prisma } from "@/platform/db/transaction";
import { BadRequestError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import type { AccessEventInput, accessIngestResult } from "@/modules/support/api-schemas";
import { judgeAccess, type GrantForJudging } from "@/modules/support/domain/judge-access";
import { announce } from "@/modules/support/server/announce";
import { grantForJudging, resolveStore } from "@/modules/support/server/authorize";
import { tenantStores } from "@/modules/support/server/store";
import { openReviewItem } from "@/modules/reviews/server/items";
import type { Tx } from "@/platform/db/transaction";

type Result = z.infer<typeof accessIngestResult>;

type OutsideRow = {
  tenant: { id: string; name: string };
  row: { principal: string; time: Date; employer: string };
};

/**
 * One review item per person, tenant and (UTC) day of access, not one per event: a person who
 * read forty records outside a grant in one session did one thing to explain, and a burst of
 * events must not bury the queue. A later access by the same person on the same day joins the
 * open item; after the item was resolved, it reopens it (something new to explain). The item's
 * author is the person's account when the principal is one of ours, so they never review
 * themselves.
 */
async function openOutsideGrantItems(tx: Tx, outside: readonly OutsideRow[]): Promise<void> {
  const groups = new Map<string, OutsideRow & { count: number }>();
  for (const r of outside) {
    const day = r.row.time.toISOString().slice(0, 10);
    const key = `${r.tenant.id}|${r.row.principal}|${day}`;
    const g = groups.get(key) ?? { ...r, count: 0 };
    g.count++;
    groups.set(key, g);
  }
  if (groups.size === 0) return;
  const principals = [...new Set([...groups.values()].map((g) => g.row.principal))];
  const users = await tx.user.findMany({ where: { email: { in: principals } }, select: { id: true, email: true } });
  const userOf = new Map(users.map((u) => [u.email, u.id]));
  for (const [key, g] of groups) {
    await openReviewItem(tx, {
      kind: "outside_grant_access",
      tenantId: g.tenant.id,
      sourceId: key,
      title: `${g.row.principal} (${g.row.employer}) accessed ${g.tenant.name}'s data outside any grant on ${key.slice(-10)}`,
      authorId: userOf.get(g.row.principal) ?? null,
    });
  }
}

/**
 * Accesses by provider staff, reported by the data plane. Each is judged against the grant (or
 * break-glass) it names as it was at the access's time: inside its window and scope it is
 * `within_grant`, anything else `outside_grant`, which alerts the tenant's admins and the region's
 * compliance officers. Idempotent by (tenant, event id); a batch is one transaction.
 */
export async function ingestAccessEvents(
  ingestTokenId: string,
  body: AccessEventInput | AccessEventInput[],
): Promise<Result> {
  const events = Array.isArray(body) ? body : [body];
  const db = await prisma();
  const slugs = [...new Set(events.map((e) => e.tenant))];
  const tenants = await db.tenant.findMany({
    where: { slug: { in: slugs } },
    select: { id: true, slug: true, name: true },
  });
  const tenantOf = new Map(tenants.map((t) => [t.slug, t]));
  const unknown = events.flatMap((e, index) =>
    tenantOf.has(e.tenant)
      ? []
      : [{ index, path: `$[${index}].tenant`, message: `no tenant ${e.tenant} is homed in this region` }],
  );
  if (unknown.length > 0)
    throw new BadRequestError(
      `Event ${unknown[0]!.index} (${unknown[0]!.path}): ${unknown[0]!.message}.`,
      "unknown_tenant",
      {
        errors: unknown.slice(0, 20),
      },
    );

  const rows: {
    tenant: { id: string; slug: string; name: string };
    code: string;
    row: Prisma.SupportAccessEventCreateManyInput & { time: Date };
  }[] = [];
  for (const tenant of tenants) {
    const mine = events.filter((e) => e.tenant === tenant.slug);
    const stores = await tenantStores(db, tenant.id);
    const grants = new Map<string, GrantForJudging | null>();
    const breakGlassGrant = new Map<string, string | null>();
    for (const e of mine) {
      if (e.break_glass_id && !breakGlassGrant.has(e.break_glass_id)) {
        const g = await db.supportGrant.findFirst({
          where: { requestId: e.break_glass_id, tenantId: tenant.id },
          select: { id: true },
        });
        const isBreakGlass = g
          ? (await db.supportRequest.count({ where: { id: e.break_glass_id, breakGlass: true } })) > 0
          : false;
        breakGlassGrant.set(e.break_glass_id, isBreakGlass ? g!.id : null);
      }
      const grantId = e.grant_id ?? (e.break_glass_id ? breakGlassGrant.get(e.break_glass_id) : null) ?? null;
      if (grantId && !grants.has(grantId)) grants.set(grantId, await grantForJudging(db, tenant.id, grantId, stores));
      const grant = grantId ? (grants.get(grantId) ?? null) : null;
      const judged = judgeAccess(grant, {
        tenantId: tenant.id,
        principal: e.principal,
        storeId: resolveStore(stores, e.store),
        dataClass: e.data_class,
        operation: e.operation,
        at: e.time,
      });
      rows.push({
        tenant,
        code: judged.within ? "within_grant" : judged.code,
        row: {
          tenantId: tenant.id,
          eventId: e.id,
          time: e.time,
          principal: e.principal,
          jobTitle: e.job_title ?? null,
          employer: e.employer,
          officeCountry: e.office_country,
          locationCountry: e.location_country,
          store: e.store ?? null,
          dataClass: e.data_class,
          operation: e.operation,
          method: e.method,
          reason: e.reason,
          grantId: e.grant_id ?? null,
          breakGlassId: e.break_glass_id ?? null,
          verdict: judged.within ? "within_grant" : "outside_grant",
          verdictReason: judged.reason,
          ingestTokenId,
        },
      });
    }
  }

  return db.$transaction(async (tx) => {
    const inserted = await tx.supportAccessEvent.createManyAndReturn({
      data: rows.map((r) => r.row),
      skipDuplicates: true,
      select: { tenantId: true, eventId: true },
    });
    const fresh = new Set(inserted.map((i) => `${i.tenantId}|${i.eventId}`));
    const kept = rows.filter((r) => fresh.has(`${r.row.tenantId}|${r.row.eventId}`));
    const daily = new Map<string, { tenantId: string; day: string; grantId: string; verdict: string; count: number }>();
    for (const { row } of kept) {
      const day = row.time.toISOString().slice(0, 10);
      const grantId = row.grantId ?? row.breakGlassId ?? "";
      const key = `${row.tenantId}|${day}|${grantId}|${row.verdict}`;
      const d = daily.get(key) ?? { tenantId: row.tenantId, day, grantId, verdict: row.verdict, count: 0 };
      d.count++;
      daily.set(key, d);
    }
    for (const d of daily.values()) {
      await tx.$executeRaw`
        INSERT INTO support_access_daily (tenant_id, day, grant_id, verdict, count)
        VALUES (${d.tenantId}, ${d.day}::date, ${d.grantId}, ${d.verdict}, ${d.count})
        ON CONFLICT (tenant_id, day, grant_id, verdict) DO UPDATE SET count = support_access_daily.count + EXCLUDED.count`;
    }
    const outside = kept.filter((r) => r.row.verdict === "outside_grant");
    for (const r of outside) {
      await appendAudit(tx, {
        actor: { type: "system", name: `ingest-token:${ingestTokenId}` },
        tenantId: r.row.tenantId,
        action: "support.access_outside_grant",
        subject: `tenant:${r.row.tenantId}`,
        outcome: "denied",
        details: {
          event_id: r.row.eventId,
          principal: r.row.principal,
          code: r.code,
          data_class: r.row.dataClass,
          operation: r.row.operation,
          grant_id: r.row.grantId ?? r.row.breakGlassId,
          location_country: r.row.locationCountry,
        },
      });
    }
    for (const tenant of tenants) {
      const theirs = outside.filter((r) => r.tenant.id === tenant.id);
      if (theirs.length === 0) continue;
      const first = theirs[0]!.row;
      await announce(tx, {
        tenant,
        event: "support_access.outside_grant_access",
        title: `${theirs.length} access${theirs.length === 1 ? "" : "es"} to ${tenant.name}'s data outside any grant`,
        body: `${first.principal} (${first.employer}, from ${first.locationCountry}) did ${first.operation} on ${first.dataClass} at ${first.time.toISOString()}: ${first.verdictReason}`,
        requestId: first.grantId ?? first.breakGlassId ?? "none",
        audiences: ["customer_admins", "compliance_officers"],
        data: { events: theirs.slice(0, 50).map((r) => r.row.eventId), count: theirs.length },
      });
    }
    await openOutsideGrantItems(tx, outside);
    const within = kept.length - outside.length;
    return {
      received: events.length,
      stored: kept.length,
      duplicates: events.length - kept.length,
      within_grant: within,
      outside_grant: outside.length,
    };
  });
}
