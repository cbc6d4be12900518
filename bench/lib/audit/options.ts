/** Settings of `npm run bench:audit`: flags (`npm run bench:audit -- --duration=5`) win over environment variables. */
import path from "node:path";
import { checkArguments, count, databaseList, flag, seconds } from "../flags";
import { DEFAULT_POSTGRES_URL, today, type DatabaseKind } from "../options";

export interface AuditBenchOptions {
  /** Measured seconds of appending per writer count; 0 skips the append part. */
  duration: number;
  /** Concurrent writers, one measured run each. */
  writers: number[];
  /** Entries each writer appends per transaction (1: every append its own transaction). */
  perTx: number;
  /** Size of the large log on PostgreSQL (proofs, verification); 0 skips the large-log part. */
  entries: number;
  /** Size of the large log on the embedded database; 0 skips it there. */
  embeddedEntries: number;
  /** Proofs of each kind timed on the large log. */
  samples: number;
  databases: DatabaseKind[];
  postgresUrl: string;
  postgresExplicit: boolean;
  out: string | null;
}

const HELP = `npm run bench:audit -- [--duration=10] [--writers=1,4,16] [--per-tx=1] [--entries=1000000] [--embedded-entries=100000]
                        [--samples=500] [--databases=embedded,postgres] [--out=<file>|none]

  --duration          measured seconds of appends per writer count, 0 to skip    (BENCH_DURATION, default 10)
  --writers           concurrent writers, one run each                           (BENCH_WRITERS, default 1,4,16)
  --per-tx            entries appended per transaction, as a change that records
                      several entries does                                       (BENCH_PER_TX, default 1)
  --entries           large-log size on PostgreSQL, 0 to skip                    (BENCH_ENTRIES, default 1000000)
  --embedded-entries  large-log size on the embedded database, 0 to skip         (BENCH_EMBEDDED_ENTRIES, default 100000)
  --samples           inclusion / consistency / tlog-proof requests timed each   (BENCH_SAMPLES, default 500)
  --databases         which databases to bench                                   (BENCH_DATABASES, default embedded,postgres)
  --out               JSON figures file, or "none"                               (BENCH_OUT, default bench/results/audit-log-<date>.json)

  BENCH_DATABASE_URL  PostgreSQL server to use (default ${DEFAULT_POSTGRES_URL});
                      the bench creates a fresh database there and drops it afterwards.

  A quick run: npm run bench:audit -- --duration=3 --writers=4 --entries=100000 --embedded-entries=20000`;

export function readAuditOptions(): AuditBenchOptions {
  checkArguments(HELP, ["duration", "writers", "per-tx", "entries", "embedded-entries", "samples", "databases", "out"]);
  const env = process.env;
  const writersRaw = flag("writers") ?? env.BENCH_WRITERS ?? "1,4,16";
  const writers = [...new Set(writersRaw.split(",").map((w) => count("writers", w.trim(), 1, 1)))];
  const outRaw = flag("out") ?? env.BENCH_OUT;
  return {
    duration: seconds("duration", flag("duration") ?? env.BENCH_DURATION, 10),
    writers,
    perTx: count("per-tx", flag("per-tx") ?? env.BENCH_PER_TX, 1, 1),
    entries: count("entries", flag("entries") ?? env.BENCH_ENTRIES, 1_000_000, 0),
    embeddedEntries: count("embedded-entries", flag("embedded-entries") ?? env.BENCH_EMBEDDED_ENTRIES, 100_000, 0),
    samples: count("samples", flag("samples") ?? env.BENCH_SAMPLES, 500, 1),
    databases: databaseList(flag("databases") ?? env.BENCH_DATABASES ?? "embedded,postgres"),
    postgresUrl: env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL,
    postgresExplicit: Boolean(env.BENCH_DATABASE_URL),
    out: outRaw === "none" ? null : path.resolve(outRaw || path.join("bench", "results", `audit-log-${today()}.json`)),
  };
}
