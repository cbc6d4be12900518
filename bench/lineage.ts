/**
 * `npm run bench:lineage`: OpenLineage ingest throughput and lineage API latency, on the
 * embedded database and on PostgreSQL.
 *
 *  1. Graph build: 1,000 RunEvents (one per job) through the ingest route create 4,000
 *     datasets, 1,000 jobs, 8,000 job edges and 16,000 flows (a tenth of the datasets in
 *     other regions, so about a fifth of the flows cross a border and are evaluated).
 *  2. Steady state: runs of the same jobs (START + COMPLETE), batches of 500, with 1 and (on
 *     PostgreSQL) 4 concurrent posters. Events per second, request latency.
 *  3. The raw table is topped up with set-based SQL to 1,000,000 events (PostgreSQL; 100,000
 *     embedded), then the lineage API is timed: the whole graph (5,000 nodes, 24,000 edges)
 *     and focused neighbourhoods (depth 3).
 *
 * Route handlers are called in-process (no HTTP server): the figures include token checks,
 * JSON parsing, validation, the transaction and the response body, not Next's own overhead.
 * Prints tables and writes JSON (bench/results/lineage-<date>.json). No timing assertions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { POST as ingestRoute } from "@/app/api/v1/ingest/openlineage/route";
import { GET as lineageRoute } from "@/app/api/v1/tenants/[tenant]/lineage/route";
import { openRegionDatabase, useRegionDatabase, type RegionDatabase } from "@/platform/db/db";
import { resetEnvCache } from "@/platform/env";
import { readLineageOptions, type LineageBenchOptions } from "./lib/lineage/options";
import { printApi, printIngest, stats, type ApiRow, type IngestRow } from "./lib/lineage/report";
import { createWorld, shapeEvents, steadyEvents, topUpRaw, type BenchWorld } from "./lib/lineage/workload";
import type { DatabaseKind } from "./lib/options";
import { createFreshDatabase, probe, redact } from "./lib/postgres";
import { machine, writeJson } from "./lib/report";
import { cleanUp, cleanUpOnSignal, onCleanUp } from "./lib/cleanups";

const REGION = "eu-central-1";
cleanUpOnSignal("stopping and removing the bench data");

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const invoke = (h: Handler, req: Request, params: Record<string, string> = {}) =>
  h(req, { params: Promise.resolve(params) });

async function post(world: BenchWorld, events: unknown[]): Promise<number> {
  const started = performance.now();
  const res = await invoke(
    ingestRoute,
    new Request("http://localhost/api/v1/ingest/openlineage", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${world.ingestToken}` },
      body: JSON.stringify(events),
    }),
  );
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  return performance.now() - started;
}

async function ingest(
  kind: DatabaseKind,
  world: BenchWorld,
  phase: IngestRow["phase"],
  events: unknown[],
  batch: number,
  concurrency: number,
): Promise<IngestRow> {
  const batches: unknown[][] = [];
  for (let i = 0; i < events.length; i += batch) batches.push(events.slice(i, i + batch));
  const times: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) times.push(await post(world, batches[next++]!));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const row = {
    database: kind,
    phase,
    concurrency,
    events: events.length,
    seconds,
    eventsPerSecond: events.length / seconds,
    requestMs: stats(times),
  };
  console.log(
    `[${kind}] ${phase}, ${concurrency} poster(s): ${events.length.toLocaleString("en")} events in ${seconds.toFixed(1)} s, ${Math.round(row.eventsPerSecond).toLocaleString("en")} events/s`,
  );
  return row;
}

async function timeApi(kind: DatabaseKind, world: BenchWorld, samples: number, rawEvents: number): Promise<ApiRow[]> {
  const get = async (query: string) => {
    const started = performance.now();
    const res = await invoke(
      lineageRoute as Handler,
      new Request(`http://localhost/api/v1/tenants/${world.slug}/lineage${query}`, {
        headers: { authorization: `Bearer ${world.apiToken}` },
      }),
      { tenant: world.slug },
    );
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`lineage answered ${res.status}: ${text.slice(0, 300)}`);
    return { ms, text };
  };
  await get(""); // warm-up: policy engine, prepared statements
  const rows: ApiRow[] = [];
  const whole = [];
  let body = "";
  for (let i = 0; i < samples; i++) {
    const r = await get("");
    whole.push(r.ms);
    body = r.text;
  }
  const graph = JSON.parse(body) as { nodes: { id: string }[]; edges: unknown[] };
  rows.push({
    database: kind,
    shape: "whole graph",
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    rawEvents,
    bytes: Buffer.byteLength(body),
    ms: stats(whole),
  });
  const focused = [];
  let last = { nodes: 0, edges: 0, bytes: 0 };
  for (let i = 0; i < samples; i++) {
    const focus = graph.nodes[(i * 997) % graph.nodes.length]!.id;
    const r = await get(`?focus=${focus}&depth=3`);
    focused.push(r.ms);
    const g = JSON.parse(r.text) as { nodes: unknown[]; edges: unknown[] };
    last = { nodes: g.nodes.length, edges: g.edges.length, bytes: Buffer.byteLength(r.text) };
  }
  rows.push({ database: kind, shape: "focus, depth 3", ...last, rawEvents, ms: stats(focused) });
  for (const r of rows)
    console.log(
      `[${kind}] ${r.shape}: ${r.nodes} nodes, ${r.edges} edges, p50 ${r.ms.p50.toFixed(0)} ms, p95 ${r.ms.p95.toFixed(0)} ms`,
    );
  return rows;
}

async function open(kind: DatabaseKind, options: LineageBenchOptions): Promise<RegionDatabase | null> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-lineage-"));
  onCleanUp(() => rmSync(workDir, { recursive: true, force: true }));
  Object.assign(process.env, { REGION, DATA_DIR: workDir, LOG_LEVEL: "error" });
  delete process.env.DATABASE_URL;
  resetEnvCache();
  let database: RegionDatabase;
  if (kind === "postgres") {
    const answer = await probe(options.postgresUrl);
    if (!answer.ok) {
      if (options.postgresExplicit)
        throw new Error(`PostgreSQL at ${redact(options.postgresUrl)} does not answer: ${answer.reason}`);
      console.log(`[postgres] skipped: ${answer.reason}`);
      return null;
    }
    const fresh = await createFreshDatabase(options.postgresUrl, answer.version);
    onCleanUp(() => fresh.drop());
    database = await openRegionDatabase({ databaseUrl: fresh.url });
  } else {
    database = await openRegionDatabase({ dataDir: path.join(workDir, REGION) });
  }
  useRegionDatabase(database);
  onCleanUp(async () => {
    useRegionDatabase(undefined);
    await database.close();
  });
  return database;
}

async function main(): Promise<void> {
  const options = readLineageOptions();
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  console.log(`lineage bench: ${os.cpus().length} cores, 1-minute load average ${loadAtStart.toFixed(1)} at start`);
  const ingestRows: IngestRow[] = [];
  const apiRows: ApiRow[] = [];
  const raw: Record<string, unknown> = {};
  for (const kind of options.databases) {
    const database = await open(kind, options);
    if (!database) continue;
    try {
      const world = await createWorld(database.prisma, REGION);
      ingestRows.push(await ingest(kind, world, "graph build", shapeEvents(world.slug), options.batch, 1));
      const posters = kind === "postgres" ? options.concurrency : [1];
      let offset = 0;
      for (const c of posters) {
        if (options.events[kind] === 0) break;
        ingestRows.push(
          await ingest(
            kind,
            world,
            "steady state",
            steadyEvents(world.slug, options.events[kind], offset),
            options.batch,
            c,
          ),
        );
        offset += options.events[kind];
      }
      const topUp = await topUpRaw(database.prisma, world, options.raw[kind]);
      raw[kind] = {
        inserted: topUp.rows,
        seconds: Math.round(topUp.seconds * 10) / 10,
        method: "INSERT … SELECT generate_series, 100,000 rows per statement",
      };
      console.log(
        `[${kind}] raw table topped up by ${topUp.rows.toLocaleString("en")} rows with SQL in ${topUp.seconds.toFixed(1)} s`,
      );
      const rawEvents = Number(
        (await database.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*)::bigint AS n FROM lineage_events`))[0]
          ?.n ?? 0,
      );
      apiRows.push(...(await timeApi(kind, world, options.samples, rawEvents)));
    } finally {
      await cleanUp();
    }
  }
  printIngest(ingestRows);
  printApi(apiRows);
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(
    `\n1-minute load average ${loadAtStart.toFixed(1)} at start, ${(os.loadavg()[0] ?? 0).toFixed(1)} at end; ${Math.round(totalSeconds)} s in all.`,
  );
  if (options.out) {
    writeJson(options.out, {
      benchmark: "lineage",
      date: new Date().toISOString().slice(0, 10),
      machine: machine(),
      settings: {
        batch: options.batch,
        events: options.events,
        concurrency: options.concurrency,
        raw: options.raw,
        samples: options.samples,
      },
      ingest: ingestRows,
      rawTopUp: raw,
      api: apiRows,
      totalSeconds: Math.round(totalSeconds),
    });
  }
}

main()
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(`\nBench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanUp();
    process.exit(1);
  });
