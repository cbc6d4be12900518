import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { PoolConfig } from "pg";

/**
 * The embedded region database: PGlite in this process, served over the PostgreSQL wire
 * protocol on a private Unix socket, so Prisma talks to it exactly as it talks to PostgreSQL.
 */
export interface EmbeddedDatabase {
  connection: PoolConfig;
  dataDir: string;
  close(): Promise<void>;
}

const SOCKET_PORT = 5432;
// The pool, the migrator and background listeners share the multiplexer.
const MAX_CONNECTIONS = 24;

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One process per data directory: PGlite would corrupt a directory shared by two. */
function takeLock(dir: string): () => void {
  const lockFile = path.join(dir, "instance.lock");
  try {
    const holder = Number(readFileSync(lockFile, "utf8").trim());
    if (holder && holder !== process.pid && pidIsAlive(holder)) {
      throw new Error(`The embedded database in ${dir} is in use by process ${holder}`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  writeFileSync(lockFile, String(process.pid), { mode: 0o600 });
  return () => rmSync(lockFile, { force: true });
}

export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const releaseLock = takeLock(dir);
  const db = await PGlite.create(path.join(dir, "pgdata"));
  const socketDir = mkdtempSync(path.join(os.tmpdir(), "terrane-pg-"));
  const server = new PGLiteSocketServer({
    db,
    path: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
    maxConnections: MAX_CONNECTIONS,
  });
  await server.start();
  return {
    dataDir: dir,
    connection: { host: socketDir, port: SOCKET_PORT, user: "postgres", database: "postgres" },
    async close() {
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
      releaseLock();
    },
  };
}
