/**
 * `terrane verify <file>`: offline verification of a downloaded artefact. Dispatches on the
 * file's type: C2SP tlog-proofs (first line `c2sp.org/tlog-proof@v1`), revocation receipts,
 * residency attestations (DSSE envelopes) and evidence packages (ZIP archives).
 */
import * as fs from "node:fs";
import { parse } from "../args";
import { InputError, UsageError } from "../errors";
import type { CommandResult, Reporter } from "../report";
import type { CliIo } from "../io";
import { revocationReceiptVerifier } from "./revocation-receipt";
import { tlogProofVerifier } from "./tlog-proof";
import { attestationVerifier } from "./attestation";
import { evidenceVerifier } from "./evidence";

export interface FileVerifier {
  /** Short type name for messages and --json ("tlog-proof"). */
  readonly type: string;
  /** Whether the file's bytes are of this type. Cheap; looks at the first bytes only. */
  detect(bytes: Buffer): boolean;
  /** Verifies; throws a CliError on failure. */
  verify(ctx: VerifyContext): Promise<CommandResult> | CommandResult;
}

export interface VerifyContext {
  readonly file: string;
  readonly bytes: Buffer;
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly io: CliIo;
  readonly reporter: Reporter;
}

const VERIFIERS: readonly FileVerifier[] = [
  tlogProofVerifier,
  revocationReceiptVerifier,
  attestationVerifier,
  evidenceVerifier,
];

export const VERIFY_OPTIONS = {
  key: { type: "string", multiple: true },
  jwks: { type: "string" },
  index: { type: "string" },
  previous: { type: "string" },
  "key-name": { type: "string" },
  entry: { type: "string" },
  "witness-key": { type: "string", multiple: true },
  quorum: { type: "string" },
  origin: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function verifyCommand(
  args: readonly string[],
  io: CliIo,
  reporter: Reporter,
): Promise<CommandResult | "help"> {
  const { values, positionals } = parse(args, VERIFY_OPTIONS, "verify");
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError(
      "bad_arguments",
      `verify takes exactly one file (got ${positionals.length}); see: terrane verify --help`,
    );
  }
  const file = positionals[0]!;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new InputError(
      "unreadable_file",
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const verifier = VERIFIERS.find((v) => v.detect(bytes));
  if (!verifier) {
    const first = bytes.subarray(0, 64).toString("utf8").split("\n")[0] ?? "";
    throw new InputError(
      "unsupported_file",
      `unsupported file type: ${file} is not a tlog-proof (first line "c2sp.org/tlog-proof@v1"), a revocation receipt (JSON with body.type "terrane.revocation-receipt/v1"), an attestation (a DSSE envelope) or an evidence package (a ZIP archive)${first ? `; it starts with "${first.slice(0, 40)}"` : ""}`,
      { file },
    );
  }
  return verifier.verify({ file, bytes, values, io, reporter });
}
