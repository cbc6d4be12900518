import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";

/** A non-negative integer in a query string: decimal digits only (no sign, hex, exponent or spaces), no leading zeros, at most 2^53 − 1. */
export const queryIndex = safeText()
  .regex(/^(0|[1-9][0-9]{0,15})$/, "must be a non-negative whole number in decimal digits")
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), "is too large");

/** A whole number within [min, max] in a query string, decimal digits only. */
export function queryInt(min: number, max: number) {
  return queryIndex.pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

const MAX_BIGINT_CURSOR = 2n ** 63n - 1n;

/** An opaque page cursor that is a PostgreSQL bigint: 1 to 19 decimal digits, at most 2^63 − 1. */
export const queryCursor = safeText()
  .regex(/^[0-9]{1,19}$/, "must be a next_cursor from a previous page")
  .refine((s) => BigInt(s) <= MAX_BIGINT_CURSOR, "must be a next_cursor from a previous page");

/** Within the years 0001..9999 in UTC: what PostgreSQL's timestamptz and plain ISO 8601 agree on. */
export function isStorableInstant(d: Date): boolean {
  return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999;
}

/**
 * An RFC 3339 instant with an offset, as a Date within the years 0001..9999 in UTC (what
 * PostgreSQL and ISO 8601 without extensions can hold): `0000-…` and an offset that pushes
 * `9999-12-31` into year 10000 are refused here rather than failing in the database.
 */
export const queryInstant = safeText()
  .pipe(
    z.iso.datetime({
      offset: true,
      message: "must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T12:00:00Z",
    }),
  )
  .transform((s) => new Date(s))
  .refine(isStorableInstant, "must be a real date between the years 0001 and 9999");

export function textResponse(
  body: string,
  contentType = "text/plain; charset=utf-8",
  extra: Record<string, string> = {},
): Response {
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store", ...extra } });
}
