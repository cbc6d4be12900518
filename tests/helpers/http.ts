import { expect } from "vitest";

export type { Problem } from "@/platform/http/problem";
import type { Problem } from "@/platform/http/problem";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** Calls a route handler as Next does: a Request and the route's params. */
export function call(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  return handler(request, { params: Promise.resolve(params) });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Request {
  return new Request(`http://localhost${path}`, init);
}

/**
 * Asserts an RFC 9457 problem response with `status` and `code`: the media type, every
 * member, and nothing of the server's insides (no stack trace, no source paths).
 */
export async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ type: `urn:terrane:problem:${code}`, status, code });
  for (const member of ["type", "title", "detail", "code"] as const) {
    expect(typeof body[member], member).toBe("string");
    expect(body[member].length, member).toBeGreaterThan(0);
  }
  expect(body).not.toHaveProperty("stack");
  expect(text).not.toMatch(/\n\s+at |\bat .+\.(ts|js|mjs):\d+|node_modules|\/work\/|Prisma|TypeError|ReferenceError/);
  return body;
}
