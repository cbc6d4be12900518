import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openRegionDatabase } from "@/platform/db/db";
import { migrate, readMigrations } from "@/platform/db/migrator";
import { createRegionDatabase, freshEmbeddedDir } from "../helpers/databases";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the embedded region database", () => {
  it("starts on an empty directory: creates the cluster, migrates, and keeps data across restarts", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-first-start-"));
    dirs.push(dir);
    const first = await openRegionDatabase({ dataDir: dir });
    expect(first.kind).toBe("embedded");
    await first.prisma.directoryOrganisation.create({ data: { id: "org-1", slug: "acme", name: "Acme" } });
    expect(existsSync(path.join(dir, "instance.lock"))).toBe(true);
    await first.close();
    expect(existsSync(path.join(dir, "instance.lock"))).toBe(false);

    const second = await openRegionDatabase({ dataDir: dir });
    try {
      expect(await second.prisma.directoryOrganisation.findUnique({ where: { slug: "acme" } })).toMatchObject({
        name: "Acme",
      });
      // Already migrated: a migrate run on the reopened database applies nothing.
      expect((await migrate(second.connection)).applied).toEqual([]);
      expect(
        await second.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM "_prisma_migrations"`,
      ).toEqual([{ n: BigInt(readMigrations().length) }]);
    } finally {
      await second.close();
    }
  });

  it("refuses a directory another live process holds, and takes over one whose holder is gone", async () => {
    const dir = await freshEmbeddedDir();
    dirs.push(dir);
    writeFileSync(path.join(dir, "instance.lock"), String(process.ppid));
    await expect(openRegionDatabase({ dataDir: dir })).rejects.toThrow(`in use by process ${process.ppid}`);

    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(path.join(dir, "instance.lock"), String(gone));
    const db = await openRegionDatabase({ dataDir: dir });
    await db.close();
  });

  it("needs either a PostgreSQL URL or a data directory", async () => {
    await expect(openRegionDatabase({})).rejects.toThrow("openRegionDatabase needs databaseUrl or dataDir");
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("a PostgreSQL region database", () => {
  it("opens, migrates and reports itself as postgres", async () => {
    const { database, dispose } = await createRegionDatabase("postgres");
    try {
      expect(database.kind).toBe("postgres");
      expect(await database.prisma.dataClass.count({ where: { tenantId: null } })).toBeGreaterThan(0);
    } finally {
      await dispose();
    }
  });

  it("fails to open, rather than serving, when the server does not answer", async () => {
    await expect(openRegionDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:1/none" })).rejects.toThrow();
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("a region on PostgreSQL", () => {
  it("survives the server ending its idle connections (a restart, a failover) and serves the next query", async () => {
    const { database, dispose } = await createRegionDatabase("postgres");
    try {
      // Idle connections in the pool, then Prisma lets go of it (as on shutdown, or before its
      // first query): only the pool's own listener stands between a dropped connection and a crash.
      await Promise.all([1, 2, 3].map(() => database.prisma.$queryRaw`SELECT pg_sleep(0.05)::text AS slept`));
      await database.prisma.$disconnect();
      const server = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await server.connect();
      try {
        const ended = await server.query<{ ended: number }>(
          "SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity WHERE datname = $1",
          [database.connection.database ?? new URL(database.connection.connectionString!).pathname.slice(1)],
        );
        expect(ended.rows[0]?.ended).toBeGreaterThan(0);
      } finally {
        await server.end();
      }
      await new Promise((r) => setTimeout(r, 300));
      expect((await database.sql.executeSql("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await dispose();
    }
  });
});
