/**
 * The key-usage `source` migration keeps old rows meaningful: rows written before it under
 * Terrane's own service names become `portal`, everything else `data_plane`, and afterwards the
 * same key, hour, operation and service can hold one row per source.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "@/platform/db/migrator";
import { DATABASE_KINDS, createScratchDatabase, type ScratchDatabase } from "../helpers/databases";

const REAL_DIR = path.resolve("prisma/migrations");
const SOURCE_MIGRATION = "20261216093000_key_usage_source";

/** The real migrations up to (not including) `SOURCE_MIGRATION`, or with it. */
function migrationsDir(withSource: boolean): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-usage-source-"));
  for (const name of readdirSync(REAL_DIR).sort()) {
    if (name > SOURCE_MIGRATION || (name === SOURCE_MIGRATION && !withSource)) continue;
    cpSync(path.join(REAL_DIR, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

describe.each(DATABASE_KINDS)("the key-usage source migration on %s", (kind) => {
  let db: ScratchDatabase;
  const dirs: string[] = [];
  beforeEach(async () => {
    db = await createScratchDatabase(kind);
  });
  afterEach(async () => {
    await db.dispose();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("marks Terrane's own older rows `portal` and the rest `data_plane`; then one row per source", async () => {
    const before = migrationsDir(false);
    const after = migrationsDir(true);
    dirs.push(before, after);
    await migrate(db.connection, before);
    const hour = "2026-12-01T10:00:00.000Z";
    for (const service of ["terrane-portal", "terrane-key-rotation", "terrane-revocation-probe", "shipments-api"]) {
      await db.query(
        `INSERT INTO key_usage_hourly (key_id, tenant_id, hour, operation, service, count, failures)
         VALUES ('k', 't', $1, 'decrypt', $2, 5, 1)`,
        [hour, service],
      );
    }
    await migrate(db.connection, after);
    const rows = await db.query<{ service: string; source: string; count: number }>(
      "SELECT service, source, count FROM key_usage_hourly ORDER BY service",
    );
    expect(rows).toEqual([
      { service: "shipments-api", source: "data_plane", count: 5 },
      { service: "terrane-key-rotation", source: "portal", count: 5 },
      { service: "terrane-portal", source: "portal", count: 5 },
      { service: "terrane-revocation-probe", source: "portal", count: 5 },
    ]);
    // A data-plane service calling itself "terrane-portal" gets a row of its own.
    await db.query(
      `INSERT INTO key_usage_hourly (key_id, tenant_id, hour, operation, service, count, failures)
       VALUES ('k', 't', $1, 'decrypt', 'terrane-portal', 9, 0)`,
      [hour],
    );
    expect(
      await db.query("SELECT source, count FROM key_usage_hourly WHERE service = 'terrane-portal' ORDER BY source"),
    ).toEqual([
      { source: "data_plane", count: 9 },
      { source: "portal", count: 5 },
    ]);
  });
});
