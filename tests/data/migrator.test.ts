import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/platform/db/migrator";
import { DATABASE_KINDS, createScratchDatabase, type ScratchDatabase } from "../helpers/databases";

const REAL_DIR = path.resolve("prisma/migrations");
const realNames = readdirSync(REAL_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  started_at: Date;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

/** A copy of the real migrations in a temp dir, to change without touching the repo. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-migrations-"));
  cpSync(REAL_DIR, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

async function tableExists(db: ScratchDatabase, name: string): Promise<boolean> {
  const rows = await db.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [`public.${name}`]);
  return rows[0]?.t != null;
}

describe.each(DATABASE_KINDS)("migrator on %s", (kind) => {
  let db: ScratchDatabase;
  const tempDirs: string[] = [];
  beforeEach(async () => {
    db = await createScratchDatabase(kind);
  });
  afterEach(async () => {
    await db.dispose();
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempMigrations = () => {
    const dir = copyOfMigrations();
    tempDirs.push(dir);
    return dir;
  };

  it("applies every migration and records each in _prisma_migrations as Prisma does", async () => {
    expect(realNames.length).toBeGreaterThan(0);
    const result = await migrate(db.connection);
    expect(result).toEqual({ applied: realNames, alreadyApplied: [] });

    const rows = await db.query<MigrationRow>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(realNames);
    for (const row of rows) {
      const file = readFileSync(path.join(REAL_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    // What the migrations create is there, including the default data-class catalogue.
    expect(await tableExists(db, "tenants")).toBe(true);
    const catalogue = await db.query<{ n: string }>(`SELECT count(*) AS n FROM data_classes WHERE tenant_id IS NULL`);
    expect(Number(catalogue[0]!.n)).toBeGreaterThan(0);
  });

  it("the _prisma_migrations table has Prisma's columns and types", async () => {
    await migrate(db.connection);
    const columns = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ["id", "character varying", "NO"],
      ["checksum", "character varying", "NO"],
      ["finished_at", "timestamp with time zone", "YES"],
      ["migration_name", "character varying", "NO"],
      ["logs", "text", "YES"],
      ["rolled_back_at", "timestamp with time zone", "YES"],
      ["started_at", "timestamp with time zone", "NO"],
      ["applied_steps_count", "integer", "NO"],
    ]);
  });

  it("a second run applies nothing and changes nothing", async () => {
    await migrate(db.connection);
    const before = await db.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    const again = await migrate(db.connection);
    expect(again).toEqual({ applied: [], alreadyApplied: realNames });
    expect(await db.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).toEqual(before);
  });

  it("applies only the new migration when one is added later", async () => {
    const dir = tempMigrations();
    await migrate(db.connection, dir);
    addMigration(dir, "29991231000000_add_widgets", `CREATE TABLE "widgets" ("id" TEXT PRIMARY KEY);`);
    expect(await migrate(db.connection, dir)).toEqual({
      applied: ["29991231000000_add_widgets"],
      alreadyApplied: realNames,
    });
    expect(await tableExists(db, "widgets")).toBe(true);
    expect(readMigrations(dir).map((m) => m.name)).toEqual([...realNames, "29991231000000_add_widgets"]);
  });

  it("refuses to run when an applied migration's file was changed, and applies nothing after it", async () => {
    const dir = tempMigrations();
    await migrate(db.connection, dir);
    const first = path.join(dir, realNames[0]!, "migration.sql");
    writeFileSync(first, `${readFileSync(first, "utf8")}\n-- edited after the fact\n`);
    addMigration(dir, "29991231000000_add_widgets", `CREATE TABLE "widgets" ("id" TEXT PRIMARY KEY);`);
    await expect(migrate(db.connection, dir)).rejects.toThrow(
      `Migration ${realNames[0]} was changed after it was applied`,
    );
    expect(await tableExists(db, "widgets")).toBe(false);
  });

  it("rolls a failing migration back completely: no record, no partial tables, and a fixed file applies later", async () => {
    const dir = tempMigrations();
    await migrate(db.connection, dir);
    const name = "29991231000000_half_done";
    addMigration(
      dir,
      name,
      `CREATE TABLE "half_done" ("id" TEXT PRIMARY KEY);\nALTER TABLE "tenants" ADD COLUMN "x" INTEGER;\nSELECT * FROM "no_such_table";`,
    );
    await expect(migrate(db.connection, dir)).rejects.toThrow(new RegExp(`Migration ${name} failed: .*no_such_table`));

    const recorded = await db.query(`SELECT * FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
    expect(recorded).toEqual([]);
    expect(await tableExists(db, "half_done")).toBe(false);
    const added = await db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'tenants' AND column_name = 'x'`,
    );
    expect(added).toEqual([]);

    addMigration(dir, name, `CREATE TABLE "half_done" ("id" TEXT PRIMARY KEY);`);
    expect((await migrate(db.connection, dir)).applied).toEqual([name]);
    expect(await tableExists(db, "half_done")).toBe(true);
  });

  it("refuses to continue past a migration recorded as started but never finished", async () => {
    const dir = tempMigrations();
    await migrate(db.connection, dir);
    const name = "29991231000000_interrupted";
    await db.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('00000000-0000-4000-8000-000000000001', 'x', $1, now())`,
      [name],
    );
    addMigration(dir, name, `CREATE TABLE "interrupted" ("id" TEXT PRIMARY KEY);`);
    await expect(migrate(db.connection, dir)).rejects.toThrow(`Migration ${name} failed earlier`);
    expect(await tableExists(db, "interrupted")).toBe(false);
  });

  it.runIf(kind === "postgres")("replicas migrating at the same time apply each migration once", async () => {
    const results = await Promise.all([migrate(db.connection), migrate(db.connection), migrate(db.connection)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(realNames);
    const rows = await db.query(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(realNames.length);
  });
});
