import { apiCall, apiSend } from "@/platform/http/client-fetch";
import type { ApiTokenView } from "@/modules/identity/api-schemas";
import type { CreateTokenInput } from "@/modules/identity/api-schemas";

const tokensPath = (user: string) => `/api/v1/users/${encodeURIComponent(user)}/tokens`;

export const tokensApi = {
  list: (user: string) => apiCall<{ tokens: ApiTokenView[] }>(tokensPath(user)),
  create: (user: string, input: CreateTokenInput) =>
    apiSend<ApiTokenView & { secret: string }>(tokensPath(user), input),
  revoke: (user: string, tokenId: string) =>
    apiSend<{ token: ApiTokenView }>(`${tokensPath(user)}/${encodeURIComponent(tokenId)}`, undefined, "DELETE"),
};

export const tokensQueryKeys = {
  tokens: (user: string) => ["users", user, "tokens"] as const,
};
