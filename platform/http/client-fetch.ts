/** An RFC 9457 problem answered by the API, carried to the UI in plain words. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export interface CallOptions extends RequestInit {
  /** `text` reads a plain-text answer (the Cedar policy); everything else is JSON. */
  as?: "json" | "text";
}

/**
 * The browser's one way to call this instance's API: JSON in and out, and a refusal turned into
 * an ApiProblem whose message is the problem's `detail`, which the API writes for people.
 */
export async function apiCall<T>(path: string, { as = "json", ...init }: CallOptions = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: {
      accept: as === "json" ? "application/json" : "text/plain",
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
  });
  if (response.ok && as === "text") return (await response.text()) as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (body ?? {}) as { code?: string; detail?: string };
    throw new ApiProblem(
      response.status,
      problem.code ?? "error",
      problem.detail ?? `The request failed (${response.status}).`,
    );
  }
  return body as T;
}

/** A JSON write: POST by default, with the body serialised when there is one. */
export function apiSend<T>(
  path: string,
  body?: unknown,
  method: "POST" | "PATCH" | "PUT" | "DELETE" = "POST",
): Promise<T> {
  return apiCall<T>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}
