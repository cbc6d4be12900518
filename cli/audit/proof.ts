/**
 * `terrane audit proof --url <instance> --index N [--size M] [--out file]`: downloads the
 * C2SP tlog-proof of one leaf. The public endpoint's proofs carry no entry (entry content is
 * only for those allowed to see its tenant), so verify them with --entry <entry.json>.
 */
import * as fs from "node:fs";
import { TlogProofError, parseTlogProof } from "../../modules/audit/domain/tlog-proof";
import { count, parse, str } from "../args";
import { InputError, NetworkError, UsageError } from "../errors";
import type { CliIo } from "../io";
import type { CommandResult, Reporter } from "../report";
import { AuditClient, normaliseInstanceUrl } from "./client";

export const AUDIT_PROOF_OPTIONS = {
  url: { type: "string" },
  index: { type: "string" },
  size: { type: "string" },
  out: { type: "string", short: "o" },
  timeout: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function auditProofCommand(
  args: readonly string[],
  io: CliIo,
  reporter: Reporter,
): Promise<CommandResult | "help"> {
  const { values, positionals } = parse(args, AUDIT_PROOF_OPTIONS, "audit proof");
  if (values.help) return "help";
  if (positionals.length > 0)
    throw new UsageError("bad_arguments", `unexpected argument ${positionals[0]} (see: terrane audit proof --help)`);
  const rawUrl = str(values.url);
  const index = count(values.index, "--index", "audit proof");
  if (rawUrl === undefined || index === undefined) {
    throw new UsageError(
      "bad_arguments",
      "audit proof needs --url <instance URL> and --index N (see: terrane audit proof --help)",
    );
  }
  const size = count(values.size, "--size", "audit proof");
  const timeoutMs = (count(values.timeout, "--timeout", "audit proof") ?? 30) * 1000;
  const client = new AuditClient(normaliseInstanceUrl(rawUrl), io.fetch, timeoutMs);
  const text = await client.tlogProof(index, size);
  let parsed: ReturnType<typeof parseTlogProof>;
  try {
    parsed = parseTlogProof(text);
  } catch (e) {
    if (e instanceof TlogProofError)
      throw new NetworkError("bad_response", `the instance did not answer a tlog-proof: ${e.message}`);
    throw e;
  }
  const out = str(values.out);
  if (out !== undefined) {
    try {
      fs.writeFileSync(out, text);
    } catch (e) {
      throw new InputError(
        "unwritable_file",
        `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
  }
  const hint = `verify it offline: terrane verify ${out ?? "<file>"} --key <log key>${parsed.extra ? "" : " --entry <entry.json>"}`;
  if (out === undefined && !values.json) {
    // The proof itself is the output, so it can be redirected to a file; the hint goes to stderr.
    io.out(text);
    reporter.progress(hint);
  }
  return {
    summary: `saved the proof of entry ${index} to ${out}`,
    details: [hint],
    stdoutIsData: out === undefined,
    json: {
      type: "tlog-proof",
      index,
      size: size ?? null,
      has_entry: parsed.extra !== undefined,
      ...(out !== undefined ? { out } : { proof: text }),
    },
  };
}
