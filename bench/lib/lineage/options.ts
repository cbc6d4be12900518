/** Settings of `npm run bench:lineage`: flags (`npm run bench:lineage -- --events=5000`) win over environment variables. */
import path from "node:path";
import { checkArguments, count, databaseList, flag } from "../flags";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "../options";

export interface LineageBenchOptions {
  /** Events posted through the ingest route after the graph exists (steady state), per database kind. */
  events: Record<DatabaseKind, number>;
  /** Events per request. */
  batch: number;
  /** Concurrent posters on PostgreSQL (the embedded database serialises everything: always 1). */
  concurrency: number[];
  /** Raw events in lineage_events before the API is timed, topped up with bulk SQL. */
  raw: Record<DatabaseKind, number>;
  /** Requests timed per API shape. */
  samples: number;
  databases: DatabaseKind[];
  postgresUrl: string;
  postgresExplicit: boolean;
  out: string | null;
}

const HELP = `npm run bench:lineage -- [--events=20000] [--embedded-events=5000] [--batch=500] [--concurrency=1,4]
                          [--raw=1000000] [--embedded-raw=100000] [--samples=20] [--databases=embedded,postgres] [--out=<file>|none]

  --events           events ingested through the route on PostgreSQL (steady state)   (BENCH_EVENTS, default 20000)
  --embedded-events  the same on the embedded database                               (BENCH_EMBEDDED_EVENTS, default 5000)
  --batch            events per request                                              (BENCH_BATCH, default 500)
  --concurrency      concurrent posters on PostgreSQL, one run each                  (BENCH_CONCURRENCY, default 1,4)
  --raw              raw events in the table before the API is timed, PostgreSQL     (BENCH_RAW, default 1000000)
  --embedded-raw     the same on the embedded database                               (BENCH_EMBEDDED_RAW, default 100000)
  --samples          requests timed per API shape                                    (BENCH_SAMPLES, default 20)
  --databases        which databases to bench                                        (BENCH_DATABASES, default embedded,postgres)
  --out              JSON figures file, or "none"                                    (BENCH_OUT, default bench/results/lineage-<date>.json)

  BENCH_DATABASE_URL  PostgreSQL server to use (default ${DEFAULT_POSTGRES_URL});
                      the bench creates a fresh database there and drops it afterwards.

  A quick run: npm run bench:lineage -- --events=5000 --embedded-events=2000 --raw=100000 --embedded-raw=20000 --samples=5`;

export function readLineageOptions(): LineageBenchOptions {
  checkArguments(HELP, [
    "events",
    "embedded-events",
    "batch",
    "concurrency",
    "raw",
    "embedded-raw",
    "samples",
    "databases",
    "out",
  ]);
  const env = process.env;
  const concurrency = [
    ...new Set(
      (flag("concurrency") ?? env.BENCH_CONCURRENCY ?? "1,4")
        .split(",")
        .map((c) => count("concurrency", c.trim(), 1, 1)),
    ),
  ];
  const outRaw = flag("out") ?? env.BENCH_OUT;
  return {
    events: {
      postgres: count("events", flag("events") ?? env.BENCH_EVENTS, 20_000, 0),
      embedded: count("embedded-events", flag("embedded-events") ?? env.BENCH_EMBEDDED_EVENTS, 5_000, 0),
    },
    batch: count("batch", flag("batch") ?? env.BENCH_BATCH, 500, 1),
    concurrency,
    raw: {
      postgres: count("raw", flag("raw") ?? env.BENCH_RAW, 1_000_000, 0),
      embedded: count("embedded-raw", flag("embedded-raw") ?? env.BENCH_EMBEDDED_RAW, 100_000, 0),
    },
    samples: count("samples", flag("samples") ?? env.BENCH_SAMPLES, 20, 1),
    databases: databaseList(flag("databases") ?? env.BENCH_DATABASES ?? "embedded,postgres"),
    postgresUrl: env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL,
    postgresExplicit: Boolean(env.BENCH_DATABASE_URL),
    out: outRaw === "none" ? null : path.resolve(outRaw || path.join("bench", "results", `lineage-${today()}.json`)),
  };
}
