/** Command-line flags shared by the benches: `--name=value`, winning over environment variables. */
import type { DatabaseKind } from "./options";

export function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv
    .slice(2)
    .find((a) => a.startsWith(prefix))
    ?.slice(prefix.length);
}

/** Prints `help` and exits for --help; refuses any flag not in `known`. */
export function checkArguments(help: string, known: readonly string[]): void {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(help);
    process.exit(0);
  }
  for (const arg of process.argv.slice(2)) {
    const name = /^--([a-z-]+)=/.exec(arg)?.[1];
    if (!name || !known.includes(name)) throw new Error(`Unknown argument ${arg}\n\n${help}`);
  }
}

/** A whole number ≥ min (underscores allowed: 1_000_000), or the fallback when not given. */
export function count(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return value;
}

export function seconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of seconds ≥ 0 (got "${raw}")`);
  return value;
}

/** A comma-separated list of embedded and/or postgres, without repeats. */
export function databaseList(raw: string): DatabaseKind[] {
  const names = raw
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean);
  for (const d of names)
    if (d !== "embedded" && d !== "postgres") throw new Error(`Unknown database "${d}": use embedded and/or postgres`);
  if (names.length === 0) throw new Error("--databases needs at least one of embedded, postgres");
  return [...new Set(names)] as DatabaseKind[];
}
