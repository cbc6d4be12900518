/** Benchmark settings: flags (`npm run bench -- --duration=20`) win over environment variables. */
import path from "node:path";
import { flag } from "./flags";

export type DatabaseKind = "embedded" | "postgres";
export type TargetName = "api" | "page";

export interface BenchOptions {
  /** Seconds of measured load per target. */
  duration: number;
  /** Seconds of unmeasured load per target before measuring. */
  warmup: number;
  connections: number;
  databases: DatabaseKind[];
  targets: TargetName[];
  /** PostgreSQL server on which a fresh database is created (and dropped afterwards). */
  postgresUrl: string;
  /** Whether BENCH_DATABASE_URL chose the server (then "unreachable" is an error, not a skip). */
  postgresExplicit: boolean;
  /** Where the JSON figures go; null to write none. */
  out: string | null;
}

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

const HELP = `npm run bench -- [--duration=10] [--warmup=3] [--connections=10] [--databases=embedded,postgres] [--targets=api,page] [--out=<file>|none]

  --duration     seconds of measured load per target       (BENCH_DURATION, default 10)
  --warmup       seconds of unmeasured load before that    (BENCH_WARMUP, default 3)
  --connections  concurrent connections                    (BENCH_CONNECTIONS, default 10)
  --databases    which databases to bench                  (BENCH_DATABASES, default embedded,postgres)
  --targets      api (token), page (session), or both      (BENCH_TARGETS, default api,page)
  --out          JSON figures file, or "none"              (BENCH_OUT, default bench/results/overview-load-<date>.json)

  BENCH_DATABASE_URL  PostgreSQL server to use (default ${DEFAULT_POSTGRES_URL});
                      the bench creates a fresh database there and drops it afterwards.`;

/** A comma-separated list, each item one of `allowed`, without repeats. */
function list<T extends string>(name: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new Error(`Unknown ${name} "${item}": use ${allowed.join(" and/or ")}`);
  }
  if (items.length === 0) throw new Error(`--${name} needs at least one of ${allowed.join(", ")}`);
  return [...new Set(items)] as T[];
}

function positive(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}")`);
  return value;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function readOptions(): BenchOptions {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(HELP);
    process.exit(0);
  }
  const known = ["duration", "warmup", "connections", "databases", "targets", "out"];
  for (const arg of process.argv.slice(2)) {
    const name = /^--([a-z]+)=/.exec(arg)?.[1];
    if (!name || !known.includes(name)) throw new Error(`Unknown argument ${arg}\n\n${HELP}`);
  }
  const env = process.env;
  const outRaw = flag("out") ?? env.BENCH_OUT;
  const out =
    outRaw === "none" ? null : path.resolve(outRaw || path.join("bench", "results", `overview-load-${today()}.json`));
  return {
    duration: positive("duration", flag("duration") ?? env.BENCH_DURATION, 10, 1),
    warmup: positive("warmup", flag("warmup") ?? env.BENCH_WARMUP, 3, 0),
    connections: Math.round(positive("connections", flag("connections") ?? env.BENCH_CONNECTIONS, 10, 1)),
    databases: list("databases", flag("databases") ?? env.BENCH_DATABASES ?? "embedded,postgres", [
      "embedded",
      "postgres",
    ] as const),
    targets: list("targets", flag("targets") ?? env.BENCH_TARGETS ?? "api,page", ["api", "page"] as const),
    postgresUrl: env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL,
    postgresExplicit: Boolean(env.BENCH_DATABASE_URL),
    out,
  };
}
