/** One load run with autocannon: a warm-up that is thrown away, then the measured run. */
import autocannon from "autocannon";
import { treeCpuMs } from "./cpu";

export interface Target {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** GET unless said; a POST target sends `body` with every request. */
  method?: "GET" | "POST";
  body?: string;
}

export interface Figures {
  requests: number;
  /** Mean requests per second over the measured run. */
  rps: number;
  /** Latency of 2xx responses in milliseconds, computed from every response (not sampled). */
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /**
   * CPU milliseconds the instance's process tree spent per response during the measured run:
   * the app, plus the database when it is embedded (not PostgreSQL's own processes).
   */
  serverCpuMsPerRequest: number | null;
}

let running: autocannon.Instance | undefined;

/** Stops the run in flight (on Ctrl+C). */
export function stopLoad(): void {
  running?.stop();
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

const round = (n: number) => Math.round(n * 100) / 100;

function run(
  url: string,
  target: Target,
  connections: number,
  duration: number,
  latencies?: number[],
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}${target.path}`,
        connections,
        duration,
        headers: target.headers,
        timeout: 30,
        ...(target.method ? { method: target.method } : {}),
        ...(target.body !== undefined ? { body: target.body } : {}),
      },
      (err: unknown, result: autocannon.Result) => {
        running = undefined;
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve(result);
      },
    );
    running = instance;
    if (latencies) {
      instance.on("response", (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
    }
  });
}

export async function measure(
  url: string,
  target: Target,
  options: { connections: number; duration: number; warmup: number; serverPid?: number },
): Promise<Figures> {
  if (options.warmup > 0) await run(url, target, options.connections, options.warmup);
  const latencies: number[] = [];
  const cpuBefore = treeCpuMs(options.serverPid);
  const result = await run(url, target, options.connections, options.duration, latencies);
  const cpuAfter = treeCpuMs(options.serverPid);
  latencies.sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    requests: total,
    rps: round(total / result.duration),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? Number.NaN),
      mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    serverCpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && total > 0 ? round((cpuAfter - cpuBefore) / total) : null,
  };
}
