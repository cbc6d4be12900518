/**
 * Where a sign-in may send the browser afterwards: only a path on this origin.
 *
 * Browsers are lenient where a naive `startsWith("/")` check is not: `/\evil.example/` and
 * `/%09/evil.example` (a tab the browser drops, leaving `//`) both leave the origin. So the
 * value is decoded repeatedly and every layer must look like a plain same-origin path; then it
 * is resolved as a browser would and re-serialised, and that result is checked once more.
 */

// Resolving against a fixed origin tells whether any base would be left; it is never returned.
const PROBE_ORIGIN = "http://return-path.invalid";
const MAX_LENGTH = 2048;
const MAX_DECODE_ROUNDS = 4;

function looksLikeLocalPath(value: string): boolean {
  if (!value.startsWith("/")) return false;
  // `//host` and `/\host` are scheme-relative in browsers.
  if (value[1] === "/" || value[1] === "\\") return false;
  // Backslashes become slashes, and control characters (tab, CR, LF, NUL, DEL…) are dropped,
  // so either can turn an innocent-looking path into `//host`.
  return !/[\\\u0000-\u001f\u007f]/.test(value);
}

/** Every percent-decoding layer of `value` is a plain local path (at most a few layers deep). */
function localAtEveryLayer(value: string): boolean {
  let layer = value;
  for (let round = 0; ; round++) {
    if (!looksLikeLocalPath(layer)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return false; // malformed percent-encoding: not something our own pages produce
    }
    if (decoded === layer) return true;
    // Encoded more deeply than any link we make: refuse rather than guess.
    if (round === MAX_DECODE_ROUNDS) return false;
    layer = decoded;
  }
}

/** `raw` (a query value, maybe repeated) as a same-origin path and query, or `fallback`. */
export function safeReturnPath(raw: unknown, fallback = "/"): string {
  const value = Array.isArray(raw) ? (raw[0] as unknown) : raw;
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!localAtEveryLayer(value)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PROBE_ORIGIN) return fallback;
  // Dot segments can collapse `/./%2F/host` into `/%2F/host`: check what the browser would request.
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return localAtEveryLayer(path) ? path : fallback;
}

/**
 * next-auth's `redirect` callback: an absolute URL on this origin or a path is kept (as a
 * safe path on `baseUrl`), anything else goes to `baseUrl`.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    return base.origin;
  }
  if (target.origin !== base.origin) return base.origin;
  return `${base.origin}${safeReturnPath(`${target.pathname}${target.search}${target.hash}`)}`;
}
