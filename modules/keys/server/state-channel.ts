import "server-only";
import { EventEmitter } from "node:events";
import pg, { type PoolConfig } from "pg";
import { logger } from "@/platform/log/logger";
import type { Tx } from "@/platform/db/transaction";
import { instanceId } from "@/platform/jobs/instance-id";

/**
 * Tells every instance of the region that a tenant key changed state. In the transaction of the
 * change, `pg_notify` queues the news for the other processes (PostgreSQL delivers it at
 * commit); after commit, `keyStateChanged` tells this process without waiting for the round
 * trip. The embedded database has one process per region, so there is no one else to tell.
 */
export const KEY_STATE_CHANNEL = "terrane_key_state";

export interface KeyStateNews {
  keyId: string;
  tenantId: string;
  state: string;
  /** For a disable: the receipt its probes report to. */
  receiptId?: string;
  from: string;
}

type Holder = { emitter: EventEmitter; listener?: pg.Client };
const g = globalThis as typeof globalThis & { __terraneKeyState?: Holder };
function holder(): Holder {
  g.__terraneKeyState ??= { emitter: new EventEmitter().setMaxListeners(50) };
  return g.__terraneKeyState;
}

export async function announceKeyState(tx: Tx, news: Omit<KeyStateNews, "from">): Promise<KeyStateNews> {
  const full = { ...news, from: instanceId() };
  await tx.$executeRaw`SELECT pg_notify(${KEY_STATE_CHANNEL}, ${JSON.stringify(full)})`;
  return full;
}

/** After the commit: this process hears the news at once. */
export function keyStateChanged(news: KeyStateNews): void {
  holder().emitter.emit("news", news);
}

export function onKeyStateChange(listener: (news: KeyStateNews) => void): () => void {
  const emitter = holder().emitter;
  emitter.on("news", listener);
  return () => emitter.off("news", listener);
}

/** PostgreSQL only: one LISTEN connection per process, reconnecting when it drops. */
export async function listenForKeyState(connection: PoolConfig): Promise<() => Promise<void>> {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const client = new pg.Client(connection);
    client.on("notification", (message) => {
      if (message.channel !== KEY_STATE_CHANNEL || !message.payload) return;
      try {
        const news = JSON.parse(message.payload) as KeyStateNews;
        if (news.from !== instanceId()) holder().emitter.emit("news", news);
      } catch (err) {
        logger().warn({ err }, "unreadable key-state notification");
      }
    });
    client.on("error", (err) => {
      logger().warn({ err }, "key-state listener lost its connection; reconnecting");
      void client.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect().catch(() => {}), 1_000);
    });
    await client.connect();
    await client.query(`LISTEN ${KEY_STATE_CHANNEL}`);
    holder().listener = client;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await holder()
      .listener?.end()
      .catch(() => {});
    holder().listener = undefined;
  };
}
