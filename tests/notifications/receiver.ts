import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { Socket } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A real webhook receiver on an ephemeral loopback port. `answer` decides each request's fate:
 * a status code, or "hang" (never answers; the socket is closed when the receiver stops).
 */
export interface Receiver {
  url: string;
  received: Received[];
  answer: (n: number) => number | "hang";
  /** Resolves once at least `count` requests have arrived (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(answer: (n: number) => number | "hang" = () => 200): Promise<Receiver> {
  const sockets = new Set<Socket>();
  const received: Received[] = [];
  const receiver = { received, answer } as Receiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const fate = receiver.answer(received.length);
      if (fate === "hang") return;
      res.writeHead(fate, { "content-type": "text/plain" }).end(fate < 300 ? "ok" : "no");
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  receiver.url = `http://127.0.0.1:${address.port}/hooks/terrane`;
  receiver.waitFor = async (count, ms = 5_000) => {
    const until = Date.now() + ms;
    while (received.length < count) {
      if (Date.now() > until) throw new Error(`receiver got ${received.length} of ${count} requests`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return receiver;
}
