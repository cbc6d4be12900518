import "server-only";
import type { PeriodicTask } from "@/platform/jobs/background";
import type { RegionDatabase } from "@/platform/db/db";
import { JOB_SCHEMA } from "@/platform/jobs/queue";

/**
 * PGlite has no autovacuum worker: without this, every UPDATE's and DELETE's old row version
 * stays in the embedded database for good (integrating the audit log alone leaves one per entry)
 * and planner statistics are never refreshed. This applies autovacuum's default thresholds
 * (50 rows + 20 % dead, 50 rows + 10 % changed since the last analyze) one table at a time, so
 * that other statements on the single connection get their turn between tables.
 */
export async function vacuumEmbeddedTables(database: Pick<RegionDatabase, "prisma">): Promise<string[]> {
  // PGlite flushes its statistics only when a statement follows at least a second after the last
  // flush, so the counters can lag behind the latest writes until forced.
  await database.prisma.$executeRaw`SELECT pg_stat_force_next_flush()`;
  // The job queue's tables (schema pgboss) churn more than any: every job is inserted, claimed and completed.
  const due = await database.prisma.$queryRaw<{ schema: string; table: string; dead: boolean }[]>`
    SELECT schemaname AS "schema", relname AS "table",
           n_dead_tup > 50 + 0.2 * n_live_tup AS "dead"
      FROM pg_stat_user_tables
     WHERE schemaname IN ('public', ${JOB_SCHEMA})
       AND (n_dead_tup > 50 + 0.2 * n_live_tup OR n_mod_since_analyze > 50 + 0.1 * n_live_tup)
     ORDER BY n_dead_tup DESC`;
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  for (const { schema, table, dead } of due) {
    // The names come from the catalogue, quoted as identifiers.
    const quoted = `${ident(schema)}.${ident(table)}`;
    await database.prisma.$executeRawUnsafe(dead ? `VACUUM (ANALYZE) ${quoted}` : `ANALYZE ${quoted}`);
  }
  return due.map((d) => (d.schema === "public" ? d.table : `${d.schema}.${d.table}`));
}

export function embeddedVacuumTasks(database: RegionDatabase): PeriodicTask[] {
  if (database.kind !== "embedded") return [];
  return [
    { name: "embedded-vacuum", everyMs: 5 * 60_000, firstAfterMs: 60_000, run: () => vacuumEmbeddedTables(database) },
  ];
}
