/**
 * One soak run: autocannon cycling every connection through a mix of requests (API reads with a
 * token, pages with a session cookie), with per-kind latencies from every response, the errors
 * (non-2xx and socket errors, timeouts included), and the machine's load and the instance's memory
 * sampled while it runs.
 */
import os from "node:os";
import autocannon from "autocannon";
import { treeRssMiB } from "./rss";

export interface MixRequest {
  kind: "api" | "page";
  path: string;
  headers: Record<string, string>;
}

export interface SoakFigures {
  requests: number;
  rps: number;
  latencyMs: Record<"all" | MixRequest["kind"], { p50: number; p99: number; max: number }>;
  non2xx: number;
  /** Socket errors: refused or reset connections and timeouts. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The 1-minute load average, sampled every 5 s during the measured run. */
  loadAverage: { mean: number; max: number };
  /** Highest resident memory of the instance's processes seen during the measured run. */
  peakRssMiB: number | null;
}

let running: autocannon.Instance | undefined;

export function stopSoak(): void {
  running?.stop();
}

const round = (n: number) => Math.round(n * 100) / 100;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? Number.NaN) };
}

function run(base: string, mix: MixRequest[], connections: number, duration: number, onResponse?: (kind: MixRequest["kind"], status: number, ms: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        timeout: 30,
        requests: mix.map((r) => ({ method: "GET", path: r.path, headers: r.headers })),
      },
      (err: unknown, result: autocannon.Result) => {
        running = undefined;
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve(result);
      },
    );
    running = instance;
    if (!onResponse) return;
    // Each connection sends the mix in order, one request at a time: its n-th response answers mix[n % length].
    const answered = new WeakMap<object, number>();
    instance.on("response", (client: object, statusCode: number, _bytes: number, responseTime: number) => {
      const n = answered.get(client) ?? 0;
      answered.set(client, n + 1);
      onResponse(mix[n % mix.length]!.kind, statusCode, responseTime);
    });
  });
}

export async function soak(base: string, mix: MixRequest[], options: { connections: number; duration: number; warmup: number; serverPid: () => number | undefined }): Promise<SoakFigures> {
  if (options.warmup > 0) await run(base, mix, options.connections, options.warmup);
  const latencies = { all: [] as number[], api: [] as number[], page: [] as number[] };
  const loads: number[] = [];
  let peakRss: number | null = null;
  const sample = () => {
    loads.push(os.loadavg()[0] ?? 0);
    const rss = treeRssMiB(options.serverPid());
    if (rss !== null) peakRss = Math.max(peakRss ?? 0, rss);
  };
  sample();
  const sampler = setInterval(sample, 5_000);
  let result: autocannon.Result;
  try {
    result = await run(base, mix, options.connections, options.duration, (kind, status, ms) => {
      if (status < 200 || status >= 300) return;
      latencies.all.push(ms);
      latencies[kind].push(ms);
    });
  } finally {
    clearInterval(sampler);
  }
  sample();
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    requests: total,
    rps: round(total / result.duration),
    latencyMs: { all: summary(latencies.all), api: summary(latencies.api), page: summary(latencies.page) },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    loadAverage: { mean: round(loads.reduce((a, b) => a + b, 0) / loads.length), max: round(Math.max(...loads)) },
    peakRssMiB: peakRss,
  };
}
