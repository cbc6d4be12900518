/**
 * `npm run bench:reviews`: the review queue of a large region, on PostgreSQL and on the embedded
 * database, in process through the data layer (the route handlers and the page call exactly these):
 *
 *  - the demo region plus 1,000 tenants and 100,000 review items over the last 90 days, every
 *    kind, a fifth of them open or in review (a realistic backlog of 20,000), some overdue;
 *  - then N reads of: the queue's first page (the API's default: open or in review, oldest due
 *    first), the overdue filter, one kind, one tenant, "assigned to me", a deep page (page 50),
 *    the page's data (the list and the caller's saved views: what /region/reviews renders), the
 *    navigation's open count (every portal page pays it), and one tenant's own items.
 *
 * Flags: --runs=N (default 30) --tenants=N (default 1000) --reviews=N (default 100000)
 * --databases=embedded,postgres. Prints figures; writes bench/results/reviews-<date>.json.
 * No timing assertions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openRegionDatabase, useRegionDatabase } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { seedWorld } from "../scripts/lib/seed-world";
import { loadSessionActor } from "@/modules/identity/server/sign-in";
import { listReviews } from "@/modules/reviews/server/queue";
import { openReviewCountFor } from "@/modules/reviews/server/nav-count";
import { reviewDeskSummary } from "@/modules/reviews/server/desk";
import { queuePageData } from "@/modules/reviews/server/page";
import { listTenantReviews } from "@/modules/reviews/server/tenant-view";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";
import { percentile } from "./lib/keys/stats";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "./lib/options";
import { machine, writeJson } from "./lib/report";
import { gitCommit } from "./lib/setup";
import { count, flag } from "./lib/flags";

const REGION = "eu-central-1";
const COMPLIANCE = "compliance.frankfurt@terrane-provider.example";

const RUNS = count("runs", flag("runs"), 30, 1);
const TENANTS = count("tenants", flag("tenants"), 1000, 1);
const REVIEWS = count("reviews", flag("reviews"), 100_000, 1);
const DATABASES = (flag("databases") ?? "postgres,embedded").split(",") as DatabaseKind[];
const ms = (n: number) => Math.round(n * 10) / 10;

cleanUpOnSignal("removing the bench data", async () => undefined);

/** The large region in set-based statements (generate_series), so seeding is not the bench. */
async function seedLargeRegion(db: PrismaClient, assignee: string): Promise<void> {
  const org = (await db.directoryOrganisation.findFirstOrThrow({ select: { id: true } })).id;
  await db.$executeRawUnsafe(`
    INSERT INTO directory_tenants (id, slug, organisation_id, home_region)
    SELECT 'bench-t-' || i, 'bench-' || i, '${org}', '${REGION}' FROM generate_series(1, ${TENANTS}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO tenants (id, slug, name, tier)
    SELECT 'bench-t-' || i, 'bench-' || i, 'Bench tenant ' || lpad(i::text, 4, '0'), 'managed'
      FROM generate_series(1, ${TENANTS}) i`);
  // Every fifth item open (every tenth of those assigned), the rest resolved; due two days after
  // opening, so the open ones older than two days are overdue.
  await db.$executeRawUnsafe(`
    INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at,
                              assignee_id, resolved_at, resolved_by_id, outcome, rationale)
    SELECT 'bench-r-' || n,
           (ARRAY['sharing_decision', 'border_violation', 'region_unknown', 'outside_grant_access', 'break_glass',
                  'subprocessor_change', 'subprocessor_objection', 'attestation', 'scope_request'])[1 + n % 9],
           CASE WHEN n % 9 = 5 THEN NULL ELSE 'bench-t-' || (1 + n % ${TENANTS}) END,
           'bench-source-' || n, 'Bench review item ' || n, NULL,
           CASE WHEN n % 5 = 0 THEN (CASE WHEN n % 50 = 0 THEN 'in_review' ELSE 'open' END) ELSE 'resolved' END,
           now() - (n % 90) * interval '1 day' - interval '2 hours',
           now() - (n % 90) * interval '1 day' + interval '2 days',
           CASE WHEN n % 50 = 0 THEN '${assignee}' END,
           CASE WHEN n % 5 = 0 THEN NULL ELSE now() - (n % 90) * interval '1 day' + (n % 600) * interval '1 minute' END,
           CASE WHEN n % 5 = 0 THEN NULL ELSE '${assignee}' END,
           CASE WHEN n % 5 = 0 THEN NULL ELSE 'bench' END,
           CASE WHEN n % 5 = 0 THEN NULL ELSE 'Bench rationale.' END
      FROM generate_series(1, ${REVIEWS}) n`);
}

async function benchDatabase(kind: DatabaseKind, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-reviews-"));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  await seedWorld({
    dataDir,
    regions: [{ id: REGION, url: "http://127.0.0.1:1", databaseUrl }],
    credentialsFile: path.join(dataDir, "credentials.json"),
  });
  const database = await openRegionDatabase({ databaseUrl, dataDir: path.join(dataDir, REGION) });
  onCleanUp(() => database.close());
  useRegionDatabase(database);
  const db = database.prisma;
  const user = await db.user.findUniqueOrThrow({ where: { email: COMPLIANCE }, select: { id: true } });
  console.log(`[${kind}] seeding ${TENANTS} tenants and ${REVIEWS} review items…`);
  const seedStarted = performance.now();
  await seedLargeRegion(db, user.id);
  await db.$executeRawUnsafe("ANALYZE");
  console.log(`[${kind}] seeded in ${Math.round(performance.now() - seedStarted)} ms`);

  const actor = (await loadSessionActor(user.id))!;
  const origin = { surface: "api" as const, path: "/bench" };
  const timed = async (label: string, run: () => Promise<unknown>) => {
    await run();
    const all: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await run();
      all.push(performance.now() - started);
    }
    all.sort((a, b) => a - b);
    const figures = { runs: RUNS, p50_ms: ms(percentile(all, 50)), p99_ms: ms(percentile(all, 99)) };
    console.log(`[${kind}] ${label}: p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms`);
    return figures;
  };
  const open = await listReviews(actor, {});
  const results = {
    tenants: await db.tenant.count(),
    review_items: await db.reviewItem.count(),
    open_items: open.open_count,
    queue_first_page: await timed("queue, first page (open, oldest due first)", () => listReviews(actor, {})),
    queue_overdue: await timed("queue, overdue", () => listReviews(actor, { overdue: "true" })),
    queue_one_kind: await timed("queue, one kind", () => listReviews(actor, { kind: "border_violation" })),
    queue_one_tenant: await timed("queue, one tenant", () => listReviews(actor, { tenant: "bench-500", state: "all" })),
    queue_assigned_to_me: await timed("queue, assigned to me", () => listReviews(actor, { assignee: "me" })),
    queue_page_50: await timed("queue, page 50", () => listReviews(actor, { page: 50 })),
    page_data: await timed("page /region/reviews data (list + saved views)", () => queuePageData(actor, {})),
    nav_count: await timed("navigation count", () => openReviewCountFor(actor)),
    desk: await timed("compliance desk counts", () => reviewDeskSummary(actor)),
    tenant_items: await timed("a tenant's own items", () => listTenantReviews(actor, "bench-500", origin)),
  };
  useRegionDatabase(undefined);
  return results;
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const results: Record<string, unknown> = {};
  await forEachDatabase(
    {
      databases: DATABASES,
      postgresUrl: process.env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL,
      postgresExplicit: Boolean(process.env.BENCH_DATABASE_URL),
    },
    async (kind, databaseUrl) => {
      results[kind] = await benchDatabase(kind, databaseUrl);
      console.log(`[${kind}]`, JSON.stringify(results[kind], null, 2));
    },
  );
  writeJson(path.join("bench", "results", `reviews-${today()}.json`), {
    bench: "reviews",
    commit: gitCommit(),
    machine: machine(),
    load_average_at_start: loadAtStart,
    settings: { runs: RUNS, tenants: TENANTS, reviews: REVIEWS },
    results,
  });
  await cleanUp();
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
