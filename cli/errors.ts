/**
 * The CLI's outcomes and exit codes. Every failure is one of these classes; main.ts turns it
 * into the exit code and a one-line message (or a JSON object with --json).
 *
 *   0  verified
 *   1  verification failed: the data does not check out (tampering, inconsistency, bad signature)
 *   2  usage or input error: bad arguments, unreadable or unsupported file, unusable key
 *   3  network: the instance could not be reached or did not answer as the API says
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, network: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
  /** Stable machine-readable reason, e.g. "bad_signature", "root_mismatch", "unsupported_file". */
  readonly code: string;
  /** Extra machine-readable facts for --json output. */
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Bad command line: unknown option, missing argument, conflicting flags. Exit 2. */
export class UsageError extends CliError {
  readonly exitCode = EXIT.usage;
}

/** Input the user supplied cannot be used: missing file, unsupported type, unusable key. Exit 2. */
export class InputError extends CliError {
  readonly exitCode = EXIT.usage;
}

/** The thing being verified does not verify. Exit 1. */
export class VerificationError extends CliError {
  readonly exitCode = EXIT.failed;
}

/** Could not reach the instance, or it answered outside the API contract. Exit 3. */
export class NetworkError extends CliError {
  readonly exitCode = EXIT.network;
}
