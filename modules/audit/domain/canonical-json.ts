/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte sequence for a JSON value that the
 * audit log hashes as a leaf. Anyone re-serialising an entry with any JCS implementation must
 * get the same bytes, or the entry's leaf hash (and the tree) would not check out.
 *
 * RFC 8785 defines the output through ECMAScript's own JSON serialisation, which is why this is
 * short: JSON.stringify already gives
 *  - numbers in the ECMAScript Number::toString form (§3.2.2.3), with -0 written as 0;
 *  - strings with exactly the RFC's escapes: \" \\ \b \f \n \r \t, other controls as \u00xx in
 *    lowercase hex, everything else (including "/", DEL and non-ASCII) as itself (§3.2.2.2);
 * and what JCS adds is property ordering by UTF-16 code units (§3.2.3) — which is what
 * JavaScript's default sort compares — applied recursively, plus refusing anything that is not
 * I-JSON (RFC 7493): lone surrogates, NaN/±Infinity. Beyond the RFC, values JSON.stringify would
 * silently drop or reshape (undefined, functions, Dates, Maps, class instances, bigint) are
 * refused, so an audit entry can never lose a field on its way into the log.
 */
import { isWellFormed } from "./encoding";

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CanonicalJsonError";
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function serializeString(s: string, at: string): string {
  if (!isWellFormed(s)) throw new CanonicalJsonError(`${at}: string contains a lone surrogate (not I-JSON)`);
  return JSON.stringify(s);
}

function serialize(value: unknown, at: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      return serializeString(value, at);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${at}: ${value} is not a JSON number`);
      return JSON.stringify(value); // ECMAScript Number::toString; -0 → "0"
    case "object": {
      if (value === null) return "null";
      if (ancestors.has(value)) throw new CanonicalJsonError(`${at}: cyclic structure`);
      ancestors.add(value);
      try {
        if (Array.isArray(value)) {
          return `[${value.map((v, i) => serialize(v, `${at}[${i}]`, ancestors)).join(",")}]`;
        }
        if (!isPlainObject(value)) throw new CanonicalJsonError(`${at}: only plain objects are JSON objects`);
        if (Object.getOwnPropertySymbols(value).length > 0)
          throw new CanonicalJsonError(`${at}: symbol keys are not JSON`);
        const keys = Object.keys(value).sort(); // default sort: UTF-16 code unit order (RFC 8785 §3.2.3)
        const record = value as Record<string, unknown>;
        const members = keys.map((k) => `${serializeString(k, at)}:${serialize(record[k], `${at}.${k}`, ancestors)}`);
        return `{${members.join(",")}}`;
      } finally {
        ancestors.delete(value);
      }
    }
    default:
      throw new CanonicalJsonError(`${at}: ${typeof value} is not a JSON value`);
  }
}

/** The RFC 8785 canonical JSON text of `value`. Throws CanonicalJsonError for non-JSON input. */
export function canonicalJson(value: unknown): string {
  return serialize(value, "$", new Set());
}

/** The canonical JSON as UTF-8 bytes: an audit entry's leaf bytes. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), "utf8");
}

/**
 * Whether `text` is already in canonical form: parses and re-serialises. Rejects duplicate
 * property names (JSON.parse keeps the last, so the text would not round-trip).
 */
export function isCanonicalJson(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
