import type { ApiTokenView } from "@/lib/data/api-tokens";
import type { CreateTokenInput } from "@/lib/tokens/schema";

/** An RFC 9457 problem answered by the API, carried to the UI in plain words. */
export class ApiProblem extends Error {
  constructor(readonly status: number, readonly code: string, detail: string) {
    super(detail);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}), ...init?.headers } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (body ?? {}) as { code?: string; detail?: string };
    throw new ApiProblem(response.status, problem.code ?? "error", problem.detail ?? `The request failed (${response.status}).`);
  }
  return body as T;
}

export const api = {
  listTokens: (user: string) => call<{ tokens: ApiTokenView[] }>(`/api/v1/users/${encodeURIComponent(user)}/tokens`),
  createToken: (user: string, input: CreateTokenInput) =>
    call<ApiTokenView & { secret: string }>(`/api/v1/users/${encodeURIComponent(user)}/tokens`, { method: "POST", body: JSON.stringify(input) }),
  revokeToken: (user: string, tokenId: string) =>
    call<{ token: ApiTokenView }>(`/api/v1/users/${encodeURIComponent(user)}/tokens/${encodeURIComponent(tokenId)}`, { method: "DELETE" }),
};

export const queryKeys = {
  tokens: (user: string) => ["users", user, "tokens"] as const,
};
