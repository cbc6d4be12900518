/** What a command hands back, and the side channel for warnings and progress. */
import type { CliIo } from "./io";

export interface CommandResult {
  /** The one-line human verdict, e.g. "verified: entry 41 is in terrane/eu-central-1 …". */
  readonly summary: string;
  /** Indented detail lines under the summary (human mode only). */
  readonly details: readonly string[];
  /** The machine-readable result (--json), merged into { ok, exit_code, … }. */
  readonly json: Record<string, unknown>;
  /** The command already wrote its data to stdout (human mode): print no summary there. */
  readonly stdoutIsData?: boolean;
}

export class Reporter {
  readonly warnings: string[] = [];

  constructor(
    readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** Something the user should know that does not change the verdict. */
  warn(message: string): void {
    this.warnings.push(message);
    if (!this.json) this.io.err(`warning: ${message}\n`);
  }

  /** Progress for long runs: always on stderr, so stdout stays the result alone. */
  progress(message: string): void {
    this.io.err(`${message}\n`);
  }
}
