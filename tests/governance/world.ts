import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { databaseNow } from "@/platform/db/db-time";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * A small governance world for northwind-eu (home eu-central-1), every figure chosen so the
 * answers can be stated from it (the test's expectations are written from these comments):
 *
 * - stores: orders-db (eu, 600 records, 6000 B, customer_pii), crm-db (eu, 200, 1000, customer_pii),
 *   us-replica (us-east-1, 200, 3000, customer_pii + payment_data), and an eu store without counts.
 *   customer_pii: records 1000 (800 home: 0.8), bytes 10000 (7000 home: 0.7);
 *   payment_data: records 200 (0 home), bytes 3000 (0 home); overall records 800/1200 = 0.6667,
 *   bytes 7000/13000 = 0.5385.
 * - keys (enabled): 365-day period rotated 10 days ago (in), 90-day rotated 100 days ago (out),
 *   30-day rotated 29 days ago (in); a disabled key and an enabled drill key rotated 300 days ago
 *   (neither counted): coverage 2/3 = 0.6667.
 * - revocation receipts: complete 1200 ms and 3400 ms, a pending one (not counted): p50 1200, p99 3400.
 * - lineage flows crossing a border: allowed (1 edge, 5 runs), violation (2 edges, 3 + 4 runs);
 *   an in-region flow (not crossing, not counted).
 * - alerts: border violations open (raised 2 days ago) and acknowledged (4 days ago), one resolved
 *   (raised 10 days ago, resolved an hour ago), a region-unknown finding (open, 1 day ago; not a violation).
 * - review items closed in the last hours: sharing_decision after 1 h, 3 h, 2 h (p50 7200 s,
 *   p90 10800 s); border_violation dismissed after 30 min; open: 2 sharing_decision, 1 of them overdue.
 * - support: 3 requests an hour or so ago, approved after 30 min and 2 h (p50 1800 s, p90 7200 s),
 *   one denied; accesses today: 10 within grants, 3 outside; 40 days ago 7 outside (outside 30 days).
 * - subprocessors: one change announced an hour ago, one rejected; one objection by northwind.
 * - kestrel-eu: one enabled key rotated long ago (so the region's coverage is 2/4 = 0.5) and an
 *   eu store of 100 records, 100 B of customer_pii (region customer_pii records 900/1100).
 */
export async function seedGovernanceWorld(
  db: PrismaClient,
): Promise<{ now: Date; northwind: string; kestrel: string }> {
  for (const table of [
    "stores",
    "revocation_receipts",
    "tenant_keys",
    "lineage_edges",
    "lineage_alerts",
    "review_items",
    "support_access_daily",
    "support_grants",
    "support_approvals",
    "support_requests",
    "subprocessor_objections",
    "subprocessor_changes",
    "governance_snapshots",
  ])
    await db.$executeRawUnsafe(`DELETE FROM ${table}`);
  const now = await databaseNow(db);
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const northwind = (await db.tenant.findUniqueOrThrow({ where: { slug: "northwind-eu" } })).id;
  const kestrel = (await db.tenant.findUniqueOrThrow({ where: { slug: "kestrel-eu" } })).id;
  const someone = (await db.user.findFirstOrThrow({ where: { email: "ana.admin@northwind.example" } })).id;

  const store = async (
    tenantId: string,
    name: string,
    region: string,
    records: number | null,
    bytes: number | null,
    classes: string[],
  ) => {
    const s = await db.store.create({
      data: {
        tenantId,
        name,
        kind: "relational_database",
        region,
        engine: "PostgreSQL",
        recordCount: records === null ? null : BigInt(records),
        sizeBytes: bytes === null ? null : BigInt(bytes),
      },
    });
    for (const c of classes) await db.storeDataClass.create({ data: { storeId: s.id, dataClassId: c } });
  };
  await store(northwind, "orders-db", "eu-central-1", 600, 6000, ["dc-customer-pii"]);
  await store(northwind, "crm-db", "eu-central-1", 200, 1000, ["dc-customer-pii"]);
  await store(northwind, "us-replica", "us-east-1", 200, 3000, ["dc-customer-pii", "dc-payment-data"]);
  await store(northwind, "new-db", "eu-central-1", null, null, ["dc-customer-pii"]);
  await store(kestrel, "kestrel-db", "eu-central-1", 100, 100, ["dc-customer-pii"]);

  const key = async (tenantId: string, alias: string, periodDays: number, rotatedAgo: number, state = "enabled") =>
    (
      await db.tenantKey.create({
        data: {
          tenantId,
          alias,
          provider: "local",
          keyRef: alias,
          state: state as "enabled",
          currentVersion: 1,
          rotationPeriodDays: periodDays,
          lastRotatedAt: ago(rotatedAgo),
          nextRotationAt: new Date(ago(rotatedAgo).getTime() + periodDays * DAY),
          stateChangedAt: ago(rotatedAgo),
        },
      })
    ).id;
  const k1 = await key(northwind, "k-year", 365, 10 * DAY);
  await key(northwind, "k-quarter", 90, 100 * DAY);
  await key(northwind, "k-month", 30, 29 * DAY);
  await key(northwind, "k-off", 30, 300 * DAY, "disabled");
  // A drill key encrypts nothing of the customer's: never rotated in time, and never counted.
  await key(northwind, "drill", 30, 300 * DAY);
  await key(kestrel, "k-old", 30, 200 * DAY);

  for (const [status, maxMs] of [
    ["complete", 1200],
    ["complete", 3400],
    ["pending", null],
  ] as const)
    await db.revocationReceipt.create({
      data: { keyId: k1, tenantId: northwind, disabledAt: ago(30 * MIN), status, maxMs },
    });

  const edge = async (n: number, crossing: string | null, outcome: string, count: number) =>
    db.lineageEdge.create({
      data: {
        tenantId: northwind,
        kind: "flow",
        sourceId: `src-${n}`,
        targetId: `dst-${n}`,
        count,
        firstSeenAt: ago(5 * DAY),
        lastSeenAt: ago(HOUR),
        crossing,
        outcome,
        dataClasses: ["customer_pii"],
      },
    });
  await edge(1, "region", "allowed", 5);
  await edge(2, "region", "violation", 3);
  await edge(3, "subprocessor", "violation", 4);
  await edge(4, null, "in_region", 9);

  const alert = async (n: number, kind: string, status: string, raisedAgo: number, resolvedAgo?: number) =>
    db.lineageAlert.create({
      data: {
        tenantId: northwind,
        kind,
        subject: `edge:${n}`,
        reason: "no decision allows it",
        dataClasses: ["customer_pii"],
        status,
        raisedAt: ago(raisedAgo),
        resolvedAt: resolvedAgo === undefined ? null : ago(resolvedAgo),
      },
    });
  await alert(1, "border_violation", "open", 2 * DAY);
  await alert(2, "border_violation", "acknowledged", 4 * DAY);
  await alert(3, "border_violation", "resolved", 10 * DAY, HOUR);
  await alert(4, "region_unknown", "open", DAY);

  let source = 0;
  const review = async (kind: string, state: string, openedAgo: number, closedAfter: number | null, dueIn: number) =>
    db.reviewItem.create({
      data: {
        kind,
        tenantId: northwind,
        sourceId: `source-${++source}`,
        title: "A review",
        state,
        openedAt: ago(openedAgo),
        dueAt: new Date(ago(openedAgo).getTime() + dueIn),
        resolvedAt: closedAfter === null ? null : new Date(ago(openedAgo).getTime() + closedAfter),
      },
    });
  await review("sharing_decision", "resolved", 4 * HOUR, HOUR, DAY);
  await review("sharing_decision", "resolved", 4 * HOUR, 3 * HOUR, DAY);
  await review("sharing_decision", "resolved", 4 * HOUR, 2 * HOUR, DAY);
  await review("border_violation", "dismissed", 2 * HOUR, 30 * MIN, DAY);
  await review("sharing_decision", "open", 3 * DAY, null, DAY);
  await review("sharing_decision", "in_review", HOUR, null, DAY);

  const request = async (createdAgo: number, decidedAfter: number, denied: boolean) =>
    db.supportRequest.create({
      data: {
        tenantId: northwind,
        requesterId: someone,
        state: denied ? "denied" : "ended",
        reason: "incident",
        detail: "A customer cannot see their shipments.",
        access: "read",
        storeIds: [],
        dataClasses: ["business_records"],
        requestedStart: ago(createdAgo),
        durationMinutes: 60,
        employer: "Terrane",
        officeCountry: "DE",
        locationCountry: "DE",
        approvalsRequired: 1,
        createdAt: ago(createdAgo),
        expiresAt: ago(createdAgo - DAY),
        decidedAt: ago(createdAgo - decidedAfter),
        deniedById: denied ? someone : null,
      },
    });
  await request(3 * HOUR, 30 * MIN, false);
  await request(3 * HOUR, 2 * HOUR, false);
  await request(2 * HOUR, 10 * MIN, true);
  const today = now.toISOString().slice(0, 10);
  const longAgo = ago(40 * DAY)
    .toISOString()
    .slice(0, 10);
  await db.$executeRaw`
    INSERT INTO support_access_daily (tenant_id, day, grant_id, verdict, count) VALUES
      (${northwind}, ${today}::date, 'g1', 'within_grant', 10),
      (${northwind}, ${today}::date, '', 'outside_grant', 3),
      (${northwind}, ${longAgo}::date, '', 'outside_grant', 7)`;

  const change = async (state: string, id: string) =>
    db.subprocessorChange.create({
      data: {
        region: "eu-central-1",
        subprocessorId: id,
        kind: "add",
        state,
        after: { name: id },
        authorId: someone,
        reviewerId: someone,
        reviewedAt: ago(HOUR),
      },
    });
  const announced = await change("announced", "mailgrid");
  await change("rejected", "faxgrid");
  await db.subprocessorObjection.create({
    data: {
      tenantId: northwind,
      changeId: announced.id,
      subprocessorId: "mailgrid",
      raisedById: someone,
      reason: "Not in our DPA.",
      dueAt: new Date(now.getTime() + 30 * DAY),
      createdAt: ago(30 * MIN),
    },
  });
  return { now, northwind, kestrel };
}
