/** `npm run bench:soak` settings: flags (`--duration=10`) win over environment variables. */
import path from "node:path";
import { checkArguments, count, databaseList, flag, seconds } from "../flags";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "../options";

export interface SoakOptions {
  /** Seconds of measured load per database. */
  duration: number;
  /** Seconds of unmeasured load first (compiles the routes, fills caches). */
  warmup: number;
  connections: number;
  databases: DatabaseKind[];
  postgresUrl: string;
  /** Whether BENCH_DATABASE_URL chose the server (then "unreachable" is an error, not a skip). */
  postgresExplicit: boolean;
  out: string | null;
}

const HELP = `npm run bench:soak -- [--duration=60] [--warmup=5] [--connections=100] [--databases=embedded,postgres] [--out=<file>|none]

  --duration     seconds of measured load per database     (BENCH_DURATION, default 60)
  --warmup       seconds of unmeasured load before that    (BENCH_WARMUP, default 5)
  --connections  concurrent connections                    (BENCH_CONNECTIONS, default 100)
  --databases    which databases to soak                   (BENCH_DATABASES, default embedded,postgres)
  --out          JSON figures file, or "none"              (BENCH_OUT, default bench/results/soak-<date>-node<major>.json)

  BENCH_DATABASE_URL  PostgreSQL server to use (default ${DEFAULT_POSTGRES_URL});
                      the bench creates a fresh database there and drops it afterwards.

The instance runs on the node that runs the bench (process.execPath): run the bench with another
node binary to soak the app on that version.`;

export function readSoakOptions(): SoakOptions {
  checkArguments(HELP, ["duration", "warmup", "connections", "databases", "out"]);
  const env = process.env;
  const outRaw = flag("out") ?? env.BENCH_OUT;
  const major = process.versions.node.split(".")[0];
  return {
    duration: Math.max(1, seconds("duration", flag("duration") ?? env.BENCH_DURATION, 60)),
    warmup: seconds("warmup", flag("warmup") ?? env.BENCH_WARMUP, 5),
    connections: count("connections", flag("connections") ?? env.BENCH_CONNECTIONS, 100, 1),
    databases: databaseList(flag("databases") ?? env.BENCH_DATABASES ?? "embedded,postgres"),
    postgresUrl: env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL,
    postgresExplicit: Boolean(env.BENCH_DATABASE_URL),
    out:
      outRaw === "none"
        ? null
        : path.resolve(outRaw || path.join("bench", "results", `soak-${today()}-node${major}.json`)),
  };
}
