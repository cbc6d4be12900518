import { randomUUID } from "node:crypto";
import { TerraneError } from "@/platform/errors";
import { logger } from "@/platform/log/logger";
import { problemJson, problemType } from "@/platform/http/problem-doc";

export type { Problem } from "@/platform/http/problem-doc";
export { problemJson, problemType } from "@/platform/http/problem-doc";

/**
 * RFC 9457 problem for any error. Expected errors say what went wrong; anything else is
 * logged with a reference the caller can quote, and its message never leaves the server.
 */
export function problemFor(err: unknown): Response {
  if (err instanceof TerraneError) {
    const headers: Record<string, string> = {};
    if (err.status === 401)
      headers["www-authenticate"] =
        `Bearer realm="terrane"${err.code === "invalid_token" ? ', error="invalid_token"' : ""}`;
    if (err.status === 429 && typeof err.extra.retry_after === "number")
      headers["retry-after"] = String(err.extra.retry_after);
    return problemJson(
      {
        type: problemType(err.code),
        title: err.title,
        status: err.status,
        detail: err.message,
        code: err.code,
        ...err.extra,
      },
      headers,
    );
  }
  const reference = randomUUID();
  logger().error({ err, reference }, "unexpected error");
  return problemJson({
    type: problemType("internal_error"),
    title: "Internal error",
    status: 500,
    detail: `Something went wrong on our side. Quote reference ${reference} when you report it.`,
    code: "internal_error",
    reference,
  });
}
