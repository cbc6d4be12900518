import "server-only";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import { dayOf, parseDay, type Period } from "@/modules/governance/domain/period";
import {
  addEvents,
  addStates,
  emptyEvents,
  emptyState,
  type DayEvents,
  type DayMetrics,
  type DayState,
} from "@/modules/governance/domain/metrics";
import { computeEvents, computeStates, type TenantFilter } from "@/modules/governance/server/compute";

type Db = PrismaClient | Tx;

/** Where a period's days came from: the daily snapshots, or computed now (today, and past days never snapshotted). */
export interface DaySources {
  snapshot_days: number;
  live_days: number;
  /** Past days without a snapshot: their events are recomputed, how things stood then is unknown. */
  days_without_state: number;
}

/** One tenant's events of a day, or (tenant null) the region's: every tenant's and the region-only rows. */
export function eventsOf(
  computed: Awaited<ReturnType<typeof computeEvents>>,
  tenant: TenantFilter,
  day: string,
): DayEvents {
  let events = emptyEvents();
  if (tenant !== null) events = computed.byTenant.get(tenant)?.get(day) ?? events;
  else for (const days of computed.byTenant.values()) events = addEvents(events, days.get(day) ?? emptyEvents());
  return { ...events, subprocessor_changes: computed.subprocessorChanges.get(day) ?? 0 };
}

/** One tenant's state, or (tenant null) the region's: every tenant's summed. */
export function stateOf(states: Map<string, DayState>, tenant: TenantFilter): DayState {
  if (tenant !== null) return states.get(tenant) ?? emptyState();
  let sum = emptyState();
  for (const s of states.values()) sum = addStates(sum, s);
  return sum;
}

/** Reads a snapshot's metrics column: written by this module only, as a DayMetrics. */
export function snapshotMetrics(value: Prisma.JsonValue): DayMetrics {
  return value as unknown as DayMetrics;
}

/**
 * The period's days for one tenant or the region (tenant null): past days from their snapshots,
 * past days never snapshotted recomputed (events only), today live (events and state now).
 */
export async function loadDays(
  db: Db,
  tenant: TenantFilter,
  period: Period,
  now: Date,
  region: string,
): Promise<{ days: DayMetrics[]; sources: DaySources; liveStates: Map<string, DayState> | null }> {
  const today = dayOf(now);
  const past = period.days.filter((d) => d < today);
  const byDay = new Map<string, DayMetrics>();
  if (past.length > 0) {
    const rows = await db.governanceSnapshot.findMany({
      where: { tenantId: tenant, day: { gte: parseDay(past[0]!)!, lte: parseDay(past[past.length - 1]!)! } },
      select: { day: true, metrics: true },
    });
    for (const r of rows) byDay.set(dayOf(r.day), snapshotMetrics(r.metrics));
  }
  const missing = past.filter((d) => !byDay.has(d));
  if (missing.length > 0) {
    const computed = await computeEvents(db, tenant, missing[0]!, missing[missing.length - 1]!, region);
    for (const day of missing) byDay.set(day, { day, events: eventsOf(computed, tenant, day), state: null });
  }
  const live = period.days.includes(today);
  let liveStates: Map<string, DayState> | null = null;
  if (live) {
    const [computed, states] = await Promise.all([
      computeEvents(db, tenant, today, today, region),
      computeStates(db, tenant, now),
    ]);
    liveStates = states;
    byDay.set(today, { day: today, events: eventsOf(computed, tenant, today), state: stateOf(states, tenant) });
  }
  return {
    days: period.days.map((d) => byDay.get(d)!),
    sources: {
      snapshot_days: past.length - missing.length,
      live_days: missing.length + (live ? 1 : 0),
      days_without_state: missing.length,
    },
    // Today's per-tenant states, for a caller that shows them too (the region's tenant table).
    liveStates,
  };
}
