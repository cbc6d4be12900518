/**
 * The `terrane` command line: `verify` (offline files), `audit verify` (a region's whole log),
 * `audit proof` (download one proof). See help.ts for usage and errors.ts for exit codes.
 *
 * Imports only node: builtins, modules/audit/domain (the pure crypto core) and cli/ — never server
 * modules — so it runs from a clone with nothing but `npm install`.
 */
import { auditProofCommand } from "./audit/proof";
import { auditVerifyCommand } from "./audit/verify";
import { CliError, EXIT, type ExitCode } from "./errors";
import { AUDIT_HELP, AUDIT_PROOF_HELP, AUDIT_VERIFY_HELP, MAIN_HELP, VERIFY_HELP } from "./help";
import { defaultIo, type CliIo } from "./io";
import { Reporter, type CommandResult } from "./report";
import { verifyCommand } from "./verify/index";

type Command = (args: readonly string[], io: CliIo, reporter: Reporter) => Promise<CommandResult | "help">;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  verify: { run: verifyCommand, help: VERIFY_HELP },
  "audit verify": { run: auditVerifyCommand, help: AUDIT_VERIFY_HELP },
  "audit proof": { run: auditProofCommand, help: AUDIT_PROOF_HELP },
};

const isHelp = (a: string | undefined) => a === "--help" || a === "-h" || a === "help";

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: readonly string[], ioOverrides: Partial<CliIo> = {}): Promise<ExitCode> {
  const io: CliIo = { ...defaultIo(), ...ioOverrides };
  const json = argv.includes("--json");
  const reporter = new Reporter(io, json);

  const fail = (e: CliError): ExitCode => {
    if (json) {
      const body = {
        ok: false,
        exit_code: e.exitCode,
        error: { code: e.code, message: e.message, ...e.details },
        warnings: reporter.warnings,
      };
      io.out(`${JSON.stringify(body, null, 2)}\n`);
    } else {
      io.err(`terrane: ${e.message}\n`);
    }
    return e.exitCode;
  };

  const [first, second] = argv;
  if (first === undefined || isHelp(first)) {
    (first === undefined ? io.err : io.out)(MAIN_HELP);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === "--version") {
    io.out("terrane 0.1.0\n");
    return EXIT.ok;
  }
  let name: string;
  let rest: readonly string[];
  if (first === "audit") {
    if (second === undefined || isHelp(second)) {
      (second === undefined ? io.err : io.out)(AUDIT_HELP);
      return second === undefined ? EXIT.usage : EXIT.ok;
    }
    name = `audit ${second}`;
    rest = argv.slice(2);
  } else {
    name = first;
    rest = argv.slice(1);
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`terrane: unknown command "${name}"\n\n${MAIN_HELP}`);
    return EXIT.usage;
  }

  let result: CommandResult | "help";
  try {
    result = await command.run(rest, io, reporter);
  } catch (e) {
    if (e instanceof CliError) return fail(e);
    // A bug, not a verdict: say so plainly, never as "verified" or "integrity broken".
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.err(`terrane: internal error: ${message}\n`);
    if (json)
      io.out(`${JSON.stringify({ ok: false, exit_code: EXIT.usage, error: { code: "internal_error", message } })}\n`);
    return EXIT.usage;
  }
  if (result === "help") {
    io.out(command.help);
    return EXIT.ok;
  }
  if (json) {
    io.out(
      `${JSON.stringify({ ok: true, exit_code: EXIT.ok, ...result.json, warnings: reporter.warnings }, null, 2)}\n`,
    );
  } else if (!result.stdoutIsData) {
    io.out(`${result.summary}\n${result.details.map((d) => `  ${d}\n`).join("")}`);
  }
  return EXIT.ok;
}
