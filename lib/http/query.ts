import { z } from "zod";

/** A non-negative integer in a query string: digits only, no sign, no leading zeros, at most 2^53 − 1. */
export const queryIndex = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,15})$/, "must be a non-negative whole number")
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), "is too large");

export function textResponse(body: string, contentType = "text/plain; charset=utf-8", extra: Record<string, string> = {}): Response {
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store", ...extra } });
}
