/** A fresh, empty PostgreSQL database for one bench run, dropped afterwards. */
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface FreshDatabase {
  url: string;
  name: string;
  serverVersion: string;
  drop(): Promise<void>;
}

/** The URL with any password hidden, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the server answers, with its version, or why not. */
export async function probe(url: string): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  try {
    const version = await withClient(
      url,
      async (c) =>
        (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "unknown",
    );
    return { ok: true, version };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

export async function createFreshDatabase(serverUrl: string, serverVersion: string): Promise<FreshDatabase> {
  const name = `terrane_bench_${randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    serverVersion,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(serverUrl, async (c) => {
        // Anything still connected (a killed instance's pool) must not keep the database alive.
        await c.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [name],
        );
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}
