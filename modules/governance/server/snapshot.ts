import "server-only";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/transaction";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import type { QueuedWork } from "@/platform/jobs/workers";
import { logger } from "@/platform/log/logger";
import { currentRegion } from "@/platform/region/registry";
import { addDays, dayOf, parseDay } from "@/modules/governance/domain/period";
import type { DayMetrics } from "@/modules/governance/domain/metrics";
import { computeEvents, computeStates } from "@/modules/governance/server/compute";
import { eventsOf, stateOf } from "@/modules/governance/server/days";

export interface SnapshotRun {
  day: string;
  /** Rows written now: 0 when the day was already snapshotted (a second run changes nothing). */
  written: number;
  tenants: number;
  ms: number;
}

/**
 * Snapshots one finished day (by default yesterday, UTC, on the database clock): one row per
 * tenant homed here and one for the region, each that day's events and how things stood when the
 * snapshot was taken (just after the day ended, when the cron runs). Idempotent per day: a row that
 * exists is kept as it is (ON CONFLICT DO NOTHING), so a past day reads the same figures forever.
 */
export async function takeDailySnapshot(options: { day?: string; db?: PrismaClient } = {}): Promise<SnapshotRun> {
  const started = performance.now();
  const db = options.db ?? (await prisma());
  const now = await databaseNow(db);
  const today = dayOf(now);
  const day = options.day ?? addDays(today, -1);
  if (day >= today) throw new RangeError(`${day} has not ended yet: only finished days are snapshotted`);
  const region = currentRegion().id;
  const [tenants, computed, states] = await Promise.all([
    db.tenant.findMany({ select: { id: true }, orderBy: { id: "asc" } }),
    computeEvents(db, null, day, day, region),
    computeStates(db, null, now),
  ]);
  const at = parseDay(day)!;
  const row = (tenantId: string | null): Prisma.GovernanceSnapshotCreateManyInput => {
    const metrics: DayMetrics = { day, events: eventsOf(computed, tenantId, day), state: stateOf(states, tenantId) };
    return { tenantId, day: at, metrics: metrics as unknown as Prisma.InputJsonValue, computedAt: now };
  };
  const rows = [...tenants.map((t) => row(t.id)), row(null)];
  let written = 0;
  // In slices: one statement per few hundred rows keeps each INSERT's parameters bounded.
  for (let i = 0; i < rows.length; i += 250) {
    const result = await db.governanceSnapshot.createMany({ data: rows.slice(i, i + 250), skipDuplicates: true });
    written += result.count;
  }
  return { day, written, tenants: tenants.length, ms: Math.round(performance.now() - started) };
}

/** The daily snapshot: a quarter past midnight (UTC), and at start-up for a region that was down then. */
export function governanceJobs(): QueuedWork {
  return {
    workers: [
      {
        queue: "governance.snapshot",
        handler: async () => {
          const run = await takeDailySnapshot();
          if (run.written > 0) logger().info(run, "governance snapshot taken");
        },
      },
    ],
    cron: [{ queue: "governance.snapshot", cron: "15 0 * * *" }],
    atStart: ["governance.snapshot"],
  };
}
