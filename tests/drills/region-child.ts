/**
 * Another region's instance for wrong-region.test.ts: REGION (me-central-1) with its own embedded
 * database under DATA_DIR, seeded with that region's demo world (its copy of the replicated tenant
 * directory), serving the residency-probe routes over real HTTP through the app's own route
 * handlers. Reports {"event":"ready","port":…} on stdout; {"cmd":"exit"} on stdin stops it.
 *
 *   node --conditions=react-server --import tsx tests/drills/region-child.ts
 */
import http from "node:http";
import readline from "node:readline";
import { regionDatabase } from "@/platform/db/db";
import { passwordsForEveryone, seedRegion } from "@/prisma/seed/seed-region";
import { POST as probe } from "@/app/api/v1/residency-probes/route";
import { GET as probeRecord } from "@/app/api/v1/residency-probes/[probe]/route";

function report(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  const database = await regionDatabase();
  await seedRegion(database.prisma, process.env.REGION!, passwordsForEveryone());
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      });
      const one = /^\/api\/v1\/residency-probes\/([^/]+)$/.exec(url.pathname);
      const response =
        req.method === "POST" && url.pathname === "/api/v1/residency-probes"
          ? await probe(request, { params: Promise.resolve({}) })
          : req.method === "GET" && one
            ? await probeRecord(request, { params: Promise.resolve({ probe: one[1]! }) })
            : new Response("not found", { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.CHILD_PORT), "127.0.0.1", resolve));
  report({ event: "ready", port: (server.address() as { port: number }).port });
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) if ((JSON.parse(line) as { cmd: string }).cmd === "exit") break;
  server.close();
  await database.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    report({ event: "error", message: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
    process.exit(1);
  },
);
