/**
 * One soak run: the connections are spread evenly over a mix of requests (API reads with a token,
 * pages with a session cookie), each group of connections repeating its own request, so every
 * kind of request is in flight the whole time (connections cycling through one list all move in
 * step when the server is the bottleneck). Latencies come from every response; errors are non-2xx
 * and socket errors (timeouts included); the machine's load and the instance's memory are sampled
 * while it runs.
 */
import os from "node:os";
import autocannon from "autocannon";
import { treeRssMiB } from "../rss";

export interface MixRequest {
  kind: "api" | "page";
  path: string;
  headers: Record<string, string>;
}

export interface SoakFigures {
  requests: number;
  rps: number;
  latencyMs: Record<"all" | MixRequest["kind"], { p50: number; p99: number; max: number }>;
  /** Each request of the mix: its 2xx responses and their latency. */
  perPath: { kind: MixRequest["kind"]; path: string; responses: number; p50: number; p99: number; max: number }[];
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

const running = new Set<autocannon.Instance>();

export function stopSoak(): void {
  for (const instance of running) instance.stop();
}

const round = (n: number) => Math.round(n * 100) / 100;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

function run(base: string, request: MixRequest, connections: number, duration: number, latencies?: number[]) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${base}${request.path}`, connections, duration, timeout: 30, headers: request.headers },
      (err: unknown, result: autocannon.Result) => {
        running.delete(instance);
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve(result);
      },
    );
    running.add(instance);
    if (latencies) {
      instance.on("response", (_client, statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
    }
  });
}

/** `connections` spread over the mix (at least one each), all running at once. */
function runMix(base: string, mix: MixRequest[], connections: number, duration: number, latencies?: number[][]) {
  return Promise.all(
    mix.map((request, i) => {
      const share = Math.max(1, Math.floor(connections / mix.length) + (i < connections % mix.length ? 1 : 0));
      return run(base, request, share, duration, latencies?.[i]);
    }),
  );
}

export async function soak(
  base: string,
  mix: MixRequest[],
  options: { connections: number; duration: number; warmup: number; serverPid: () => number | undefined },
): Promise<SoakFigures> {
  if (options.warmup > 0) await runMix(base, mix, options.connections, options.warmup);
  const latencies = mix.map(() => [] as number[]);
  const loads: number[] = [];
  let peakRss: number | null = null;
  const sample = () => {
    loads.push(os.loadavg()[0] ?? 0);
    const rss = treeRssMiB(options.serverPid());
    if (rss !== null) peakRss = Math.max(peakRss ?? 0, rss);
  };
  sample();
  const sampler = setInterval(sample, 5_000);
  let results: autocannon.Result[];
  try {
    results = await runMix(base, mix, options.connections, options.duration, latencies);
  } finally {
    clearInterval(sampler);
  }
  sample();
  const statusCodes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
      // autocannon files a request that timed out under "undefined": it is counted in errors.
      if (/^\d+$/.test(code)) statusCodes[code] = (statusCodes[code] ?? 0) + (stat.count ?? 0);
    }
  }
  const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const ofKind = (kind: MixRequest["kind"]) => mix.flatMap((r, i) => (r.kind === kind ? latencies[i]! : []));
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((a, r) => a + pick(r), 0);
  return {
    requests: total,
    rps: round(total / Math.max(...results.map((r) => r.duration))),
    latencyMs: { all: summary(latencies.flat()), api: summary(ofKind("api")), page: summary(ofKind("page")) },
    perPath: mix.map((r, i) => ({
      kind: r.kind,
      path: r.path,
      responses: latencies[i]!.length,
      ...summary(latencies[i]!),
    })),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    statusCodes,
    loadAverage: { mean: round(loads.reduce((a, b) => a + b, 0) / loads.length), max: round(Math.max(...loads)) },
    peakRssMiB: peakRss,
  };
}
