import type { z } from "zod";
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "@/lib/errors";
import { readStreamLimited } from "@/lib/http/read-limited";
import { zodDetail } from "@/lib/http/zod-detail";

export const DEFAULT_BODY_LIMIT = 64 * 1024;

async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(limit);
  return readStreamLimited(request.body, limit, () => new PayloadTooLargeError(limit));
}

export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, limit = DEFAULT_BODY_LIMIT): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new UnsupportedMediaTypeError();
  const text = await readLimited(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError("The body is not valid JSON.", "malformed_json");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequestError(zodDetail(parsed.error), "invalid_body", { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  return parsed.data;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, code: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequestError(zodDetail(parsed.error), code);
  return parsed.data;
}
