/**
 * Everything the CLI touches in the outside world, injectable so tests run it in-process
 * against an in-memory log served through a fake fetch.
 */
import * as os from "node:os";

export type FetchLike = (
  input: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<Response>;

export interface CliIo {
  /** Writes to standard output (results). */
  readonly out: (text: string) => void;
  /** Writes to standard error (failures in human mode, warnings, progress). */
  readonly err: (text: string) => void;
  readonly fetch: FetchLike;
  /** The user's home directory (the default state file lives under it). */
  readonly homedir: () => string;
  readonly now: () => Date;
  /** Leaves between progress lines of `audit verify` (100,000 unless a test says otherwise). */
  readonly progressEvery: number;
}

export function defaultIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    fetch: (input, init) => globalThis.fetch(input, init),
    homedir: () => os.homedir(),
    now: () => new Date(),
    progressEvery: 100_000,
  };
}
