/**
 * The RFC 9457 document itself, free of server modules, so proxy.ts can answer with it
 * before a request reaches a route. platform/http/problem.ts maps errors onto it.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extra: string]: unknown;
}

export function problemType(code: string): string {
  return `urn:terrane:problem:${code}`;
}

export function problemJson(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}
