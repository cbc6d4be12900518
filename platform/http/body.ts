import type { z } from "zod";
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "@/platform/errors";
import { findExcessiveDepth, findUnsafeText, MAX_JSON_DEPTH } from "@/platform/schema/json-scan";
import { readStreamLimited } from "@/platform/http/read-limited";
import { zodDetail } from "@/platform/http/zod-detail";

export const DEFAULT_BODY_LIMIT = 64 * 1024;

async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(limit);
  return readStreamLimited(request.body, limit, () => new PayloadTooLargeError(limit));
}

/**
 * Untrusted JSON text → a value every later step may walk: depth bounded before JSON.parse
 * (one linear pass), and no string a text or jsonb column would refuse (NUL, unpaired
 * surrogates), so bad input is a 400 here rather than a 500 in the database.
 */
export function parseUntrustedJson(text: string, options: { checkText?: boolean } = {}): unknown {
  const tooDeep = findExcessiveDepth(text, MAX_JSON_DEPTH);
  if (tooDeep) {
    throw new BadRequestError(
      `The JSON is nested deeper than ${MAX_JSON_DEPTH} levels (at ${tooDeep.path}, offset ${tooDeep.offset}).`,
      "json_too_deep",
      {
        max_depth: MAX_JSON_DEPTH,
        path: tooDeep.path,
        offset: tooDeep.offset,
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError("The body is not valid JSON.", "malformed_json");
  }
  const unsafe = options.checkText === false ? null : findUnsafeText(value);
  if (unsafe)
    throw new BadRequestError(`${unsafe.path}: contains a ${unsafe.reason}, which text cannot hold.`, "invalid_text", {
      path: unsafe.path,
    });
  return value;
}

/**
 * A JSON body of at most `limit` bytes, bounded in depth, with storable text, parsed by
 * `schema`. `checkText: false` only for a caller that refuses NUL and unpaired surrogates
 * itself with more precise errors (the OpenLineage batch parser names the event).
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit = DEFAULT_BODY_LIMIT,
  options: { checkText?: boolean } = {},
): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new UnsupportedMediaTypeError();
  const value = parseUntrustedJson(await readLimited(request, limit), options);
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new BadRequestError(zodDetail(parsed.error), "invalid_body", {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  return parsed.data;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, code: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequestError(zodDetail(parsed.error), code);
  return parsed.data;
}
