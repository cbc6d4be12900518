/** Thin wrapper over node:util parseArgs that turns its errors into UsageError (exit 2). */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export function parse(args: readonly string[], options: Options, command: string): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as Parsed["values"], positionals };
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    throw new UsageError("bad_arguments", `${message} (see: terrane ${command} --help)`);
  }
}

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** A non-negative integer option, or undefined when absent. */
export function count(v: unknown, flag: string, command: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !/^(0|[1-9][0-9]{0,15})$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(
      "bad_arguments",
      `${flag} must be a non-negative whole number (see: terrane ${command} --help)`,
    );
  }
  return Number(v);
}
