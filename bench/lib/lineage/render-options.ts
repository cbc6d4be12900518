/** Settings of `npm run bench:lineage-render`: flags first, then environment variables, then defaults. */
import path from "node:path";
import { checkArguments, count, databaseList, flag } from "../flags";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "../options";

export interface RenderBenchOptions {
  loads: number;
  batch: number;
  timeoutMs: number;
  databases: DatabaseKind[];
  postgresUrl: string;
  postgresExplicit: boolean;
  out: string | null;
}

const HELP = `npm run bench:lineage-render -- [--loads=5] [--batch=200] [--timeout=180] [--databases=embedded[,postgres]] [--out=<file>|none]

  --loads      page loads per database, the first cold                      (BENCH_LOADS, default 5)
  --batch      events per ingest request while building the graph            (BENCH_BATCH, default 200)
  --timeout    seconds one load may take before the run fails                (BENCH_TIMEOUT, default 180)
  --databases  embedded and/or postgres   (BENCH_DATABASES; default embedded, plus postgres when
               BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
  --out        JSON figures file, or "none"   (BENCH_OUT, default bench/results/lineage-render-<date>.json)

  BENCH_DATABASE_URL / TEST_DATABASE_URL  PostgreSQL server (default ${DEFAULT_POSTGRES_URL});
                                          the bench creates a fresh database there and drops it afterwards.

  Needs a build (npx next build) and Debian's Chromium at /usr/bin/chromium.`;

export function readRenderOptions(): RenderBenchOptions {
  checkArguments(HELP, ["loads", "batch", "timeout", "databases", "out"]);
  const env = process.env;
  const pgUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL;
  const outRaw = flag("out") ?? env.BENCH_OUT;
  return {
    loads: count("loads", flag("loads") ?? env.BENCH_LOADS, 5, 1),
    batch: count("batch", flag("batch") ?? env.BENCH_BATCH, 200, 1),
    timeoutMs: count("timeout", flag("timeout") ?? env.BENCH_TIMEOUT, 180, 1) * 1000,
    databases: databaseList(flag("databases") ?? env.BENCH_DATABASES ?? (pgUrl ? "embedded,postgres" : "embedded")),
    postgresUrl: pgUrl || DEFAULT_POSTGRES_URL,
    postgresExplicit: Boolean(pgUrl),
    out:
      outRaw === "none"
        ? null
        : path.resolve(outRaw || path.join("bench", "results", `lineage-render-${today()}.json`)),
  };
}
