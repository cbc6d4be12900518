/** The figures as a table on stdout and as JSON on disk. */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Figures } from "./load";

export interface Row {
  database: string;
  target: string;
  path: string;
  figures: Figures;
}

export interface Skipped {
  database: string;
  reason: string;
}

function pad(cells: string[], widths: number[], right: boolean[]): string {
  return cells.map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ");
}

export function printTable(rows: Row[], skipped: Skipped[]): void {
  const head = [
    "database",
    "target",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "requests",
    "errors",
    "non-2xx",
    "server CPU ms/req",
  ];
  const right = [false, false, true, true, true, true, true, true, true, true];
  const body = rows.map((r) => [
    r.database,
    r.target,
    r.figures.rps.toFixed(1),
    r.figures.latencyMs.p50.toFixed(1),
    r.figures.latencyMs.p95.toFixed(1),
    r.figures.latencyMs.p99.toFixed(1),
    String(r.figures.requests),
    String(r.figures.errors),
    String(r.figures.non2xx),
    r.figures.serverCpuMsPerRequest === null ? "n/a" : r.figures.serverCpuMsPerRequest.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  console.log("");
  if (rows.length > 0) {
    console.log(pad(head, widths, right));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const b of body) console.log(pad(b, widths, right));
  }
  for (const s of skipped) console.log(`${s.database}: skipped (${s.reason})`);
  if (rows.length > 0) {
    console.log("errors: connection errors and timeouts. server CPU: the instance's processes (with the embedded");
    console.log("database, without PostgreSQL's own); it depends far less than req/s on what else the machine runs.");
  }
  console.log("");
}

export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    note: "load generator, server and database share this machine",
  };
}

export function writeJson(file: string, report: Record<string, unknown>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Figures written to ${path.relative(process.cwd(), file)}`);
}
