import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openRegionDatabase, type DatabaseKind, type RegionDatabase } from "@/platform/db/db";
import { openEmbeddedDatabase } from "@/platform/db/embedded";

/**
 * Every data-layer suite runs on the embedded database, and also on the real PostgreSQL at
 * TEST_DATABASE_URL when it is set: `describe.each(DATABASE_KINDS)(...)`.
 */
export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ["embedded", "postgres"] : ["embedded"];

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the TEST_DATABASE_URL server; `drop` removes it. */
async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `terrane_t_${randomBytes(6).toString("hex")}`;
  await onServer((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: databaseUrl(name),
    drop: () => onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

const PGLITE_VERSION = (
  JSON.parse(readFileSync(path.resolve("node_modules/@electric-sql/pglite/package.json"), "utf8")) as {
    version: string;
  }
).version;
const PRISTINE = path.join(os.tmpdir(), `terrane-test-pglite-${PGLITE_VERSION}-initdb`);

/**
 * A new embedded data directory. PGlite's initdb costs seconds of CPU (far more on a busy
 * 2-core machine), so the output of one initdb, before anything of ours is in it, is kept
 * in the temp dir per PGlite version and copied; starting from the copy is what
 * openEmbeddedDatabase does with any existing directory.
 */
export async function freshEmbeddedDir(): Promise<string> {
  if (!existsSync(path.join(PRISTINE, "PG_VERSION"))) {
    const building = mkdtempSync(path.join(os.tmpdir(), "terrane-test-initdb-"));
    const embedded = await openEmbeddedDatabase(building);
    await embedded.close();
    try {
      renameSync(path.join(building, "pgdata"), PRISTINE);
    } catch {
      // Another worker got there first; theirs is as good as ours.
    }
    rmSync(building, { recursive: true, force: true });
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-test-db-"));
  cpSync(PRISTINE, path.join(dir, "pgdata"), { recursive: true });
  return dir;
}

/** An empty database of `kind`, not migrated: for the migrator and the drift comparer. */
export interface ScratchDatabase {
  kind: DatabaseKind;
  connection: pg.ClientConfig;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>;
  dispose(): Promise<void>;
}

export async function createScratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  let connection: pg.ClientConfig;
  let release: () => Promise<void>;
  if (kind === "postgres") {
    const database = await createPostgresDatabase();
    connection = { connectionString: database.url };
    release = database.drop;
  } else {
    const dir = await freshEmbeddedDir();
    const embedded = await openEmbeddedDatabase(dir);
    connection = embedded.connection;
    release = async () => {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const client = new pg.Client(connection);
  await client.connect();
  return {
    kind,
    connection,
    async query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]) {
      return (await client.query<R>(sql, values)).rows;
    },
    async dispose() {
      await client.end();
      await release();
    },
  };
}

/** A fresh, migrated region database of `kind`, opened exactly as an instance opens one. */
export async function createRegionDatabase(
  kind: DatabaseKind,
): Promise<{ database: RegionDatabase; dispose(): Promise<void> }> {
  if (kind === "postgres") {
    const pgDatabase = await createPostgresDatabase();
    const database = await openRegionDatabase({ databaseUrl: pgDatabase.url, poolSize: 4 });
    return {
      database,
      async dispose() {
        await database.close();
        await pgDatabase.drop();
      },
    };
  }
  const dir = await freshEmbeddedDir();
  const database = await openRegionDatabase({ dataDir: dir });
  return {
    database,
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
