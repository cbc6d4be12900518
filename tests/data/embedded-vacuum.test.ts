import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegionDatabase } from "@/platform/db/db";
import { embeddedVacuumTasks, vacuumEmbeddedTables } from "@/platform/db/embedded-vacuum";
import { JOB_SCHEMA, runDueJobs } from "@/platform/jobs/queue";
import { createRegionDatabase } from "../helpers/databases";

describe("vacuuming the embedded database (PGlite has no autovacuum worker)", () => {
  let database: RegionDatabase;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await createRegionDatabase("embedded"));
  });
  afterAll(() => dispose());

  const deadRows = async () => {
    await database.prisma.$executeRaw`SELECT pg_stat_force_next_flush()`;
    const [row] = await database.prisma.$queryRaw<{ dead: bigint }[]>`
      SELECT n_dead_tup AS dead FROM pg_stat_user_tables WHERE relname = 'directory_organisations'`;
    return Number(row!.dead);
  };

  it("reclaims the old row versions an UPDATE leaves, and leaves tables without them alone", async () => {
    await database.prisma.directoryOrganisation.createMany({
      data: Array.from({ length: 400 }, (_, i) => ({ id: `vac-${i}`, slug: `vac-${i}`, name: `Org ${i}` })),
    });
    await database.prisma.directoryOrganisation.updateMany({
      where: { id: { startsWith: "vac-" } },
      data: { name: "Renamed" },
    });
    expect(await deadRows()).toBeGreaterThanOrEqual(400);

    const vacuumed = await vacuumEmbeddedTables(database);
    expect(vacuumed).toContain("directory_organisations");
    expect(await deadRows()).toBe(0);
    expect(await database.prisma.directoryOrganisation.count({ where: { name: "Renamed" } })).toBe(400);

    // Nothing changed since: a second pass has nothing to do for that table.
    expect(await vacuumEmbeddedTables(database)).not.toContain("directory_organisations");
  });

  it("vacuums the job queue's tables too (schema pgboss), where every job is inserted, claimed and completed", async () => {
    for (let i = 0; i < 120; i++) await database.jobs.send("lineage.reevaluate", { i }, { singletonKey: `vac-${i}` });
    expect(await runDueJobs(database.jobs, "lineage.reevaluate", async () => undefined)).toBe(120);
    const vacuumed = await vacuumEmbeddedTables(database);
    expect(vacuumed.filter((t) => t.startsWith(`${JOB_SCHEMA}.`))).not.toEqual([]);
  });

  it("is a task only on the embedded database; PostgreSQL's own autovacuum does the work there", () => {
    expect(embeddedVacuumTasks(database).map((t) => t.name)).toEqual(["embedded-vacuum"]);
    expect(embeddedVacuumTasks({ ...database, kind: "postgres" })).toEqual([]);
  });
});
