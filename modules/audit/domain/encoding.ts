/**
 * Strict decoders shared by the text formats (signed notes, checkpoints, tlog-proofs).
 *
 * Node's own base64 and number parsing are lenient (they skip invalid characters, accept
 * missing padding and URL-safe letters, accept "+1", "1e3", leading zeros…). In a format whose
 * bytes are signed, leniency means two different texts can mean the same thing, so everything
 * here accepts exactly one spelling per value.
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * RFC 4648 §4 standard base64 with padding, canonical only (the unused low bits of the last
 * character must be zero, so re-encoding gives back the same text). Null when not.
 */
export function decodeBase64Strict(s: string): Buffer | null {
  if (!BASE64.test(s)) return null;
  const bytes = Buffer.from(s, "base64");
  return bytes.toString("base64") === s ? bytes : null;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** 2^63 − 1: the largest tree size, index or timestamp the C2SP formats allow. */
export const MAX_UINT63 = (1n << 63n) - 1n;

/**
 * An ASCII decimal with no leading zeros ("0" itself allowed), at most 2^63 − 1. Returns it as
 * a bigint, or null when the text is not exactly such a number.
 */
export function parseDecimalStrict(s: string): bigint | null {
  if (!/^(?:0|[1-9][0-9]{0,18})$/.test(s)) return null;
  const n = BigInt(s);
  return n <= MAX_UINT63 ? n : null;
}

/** True for text that is valid Unicode (no lone surrogates), i.e. encodable as UTF-8. */
export function isWellFormed(s: string): boolean {
  // Equivalent to String.prototype.isWellFormed (ES2024), spelled out for older runtimes.
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Text from bytes that must be valid UTF-8 (a U+FEFF at the start is kept, since it is part of
 * the signed text). Null on invalid UTF-8. Strings pass through when well-formed.
 */
export function toText(input: string | Uint8Array): string | null {
  if (typeof input === "string") return isWellFormed(input) ? input : null;
  try {
    return UTF8.decode(input);
  } catch {
    return null;
  }
}
