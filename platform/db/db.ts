import "server-only";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg, { type PoolConfig } from "pg";
import type { PgBoss } from "pg-boss";
import { env } from "@/platform/env";
import { logger } from "@/platform/log/logger";
import { openEmbeddedDatabase } from "@/platform/db/embedded";
import { migrate } from "@/platform/db/migrator";
import { PrismaClient } from "@/platform/db/generated/prisma/client";
import { openJobQueue, poolSql, type JobSql } from "@/platform/jobs/queue";

export type DatabaseKind = "embedded" | "postgres";

export interface RegionDatabase {
  prisma: PrismaClient;
  kind: DatabaseKind;
  connection: PoolConfig;
  /** The region's job queue, able to send (workers run only in a started instance). */
  jobs: PgBoss;
  /** The pool's SQL, for the job queue's workers. */
  sql: JobSql;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; without it, the embedded database under `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
}

/**
 * Opens a region's database and brings its schema up to date. Both kinds are reached the
 * same way: Prisma through the PostgreSQL driver adapter, over the wire protocol.
 */
export async function openRegionDatabase(options: OpenOptions): Promise<RegionDatabase> {
  let connection: PoolConfig;
  let kind: DatabaseKind;
  let closeEmbedded = async () => {};
  if (options.databaseUrl) {
    kind = "postgres";
    connection = { connectionString: options.databaseUrl };
  } else {
    if (!options.dataDir) throw new Error("openRegionDatabase needs databaseUrl or dataDir");
    kind = "embedded";
    const embedded = await openEmbeddedDatabase(options.dataDir);
    connection = embedded.connection;
    closeEmbedded = embedded.close;
  }
  try {
    await migrate(connection);
  } catch (err) {
    await closeEmbedded();
    throw err;
  }
  // One connection to the embedded database: PGlite has a single session, and pglite-socket
  // interleaves the protocol messages of concurrent connections outside transactions, so two
  // connections' unnamed prepared statements collide (errors, or one query's rows answering
  // another). PGlite runs one statement at a time anyway.
  // The job queue shares the pool, so on the embedded database it waits its turn like any query.
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? (kind === "embedded" ? 1 : 16) });
  // An idle connection the server ends (a restart, a failover, an administrator) is an 'error'
  // event on the pool; without a listener Node throws it and the whole instance stops. The pool
  // drops that client and opens a new one for the next query, so noting it is enough.
  pool.on("error", (err: Error & { code?: string }) =>
    logger().warn({ code: err.code, reason: err.message }, "an idle database connection was closed by the server"),
  );
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql = poolSql(pool);
  let jobs: PgBoss;
  try {
    jobs = await openJobQueue(sql, kind === "embedded");
  } catch (err) {
    await pool.end().catch(() => undefined);
    await closeEmbedded();
    throw err;
  }
  return {
    prisma,
    kind,
    connection,
    jobs,
    sql,
    async close() {
      await jobs.stop({ graceful: false, close: false }).catch(() => undefined);
      await prisma.$disconnect();
      await pool.end();
      await closeEmbedded();
    },
  };
}

type Holder = { database?: Promise<RegionDatabase> };
const holder = globalThis as typeof globalThis & { __terraneRegionDatabase?: Holder };

function regionHolder(): Holder {
  holder.__terraneRegionDatabase ??= {};
  return holder.__terraneRegionDatabase;
}

/** This instance's database: `DATABASE_URL`, or the embedded one under `DATA_DIR/<REGION>`. */
export function regionDatabase(): Promise<RegionDatabase> {
  const h = regionHolder();
  if (!h.database) {
    const e = env();
    h.database = openRegionDatabase({
      databaseUrl: e.DATABASE_URL,
      dataDir: path.join(e.DATA_DIR, e.REGION),
    });
    h.database.catch(() => {
      h.database = undefined;
    });
  }
  return h.database;
}

export async function prisma(): Promise<PrismaClient> {
  return (await regionDatabase()).prisma;
}

/** Lets tests and scripts run the data layer on a database they opened themselves. */
export function useRegionDatabase(database: RegionDatabase | undefined): void {
  regionHolder().database = database ? Promise.resolve(database) : undefined;
}

export async function closeRegionDatabase(): Promise<void> {
  const h = regionHolder();
  const current = h.database;
  h.database = undefined;
  if (current) await (await current).close();
}
