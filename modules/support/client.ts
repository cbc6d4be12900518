import type { z } from "zod";
import { apiCall, apiSend } from "@/platform/http/client-fetch";
import type {
  accessList,
  accessesQuery,
  approveBody,
  breakGlassBody,
  createSupportRequestBody,
  denyBody,
  extendBody,
  grantList,
  grantToken,
  listRequestsQuery,
  reviewBody,
  revokeBody,
  supportPolicyBody,
  supportPolicyView,
  supportRequestList,
  supportRequestView,
} from "@/modules/support/api-schemas";

/** One request as the API answers it, with the steps the caller may take now (`allowed_actions`). */
export type SupportRequest = z.infer<typeof supportRequestView>;
export type SupportRequestList = z.infer<typeof supportRequestList>;
export type SupportGrantList = z.infer<typeof grantList>;
export type SupportGrant = SupportGrantList["grants"][number];
export type GrantToken = z.infer<typeof grantToken>;
export type SupportPolicy = z.infer<typeof supportPolicyView>;
export type AccessList = z.infer<typeof accessList>;
export type AccessDay = AccessList["daily"][number];
export type RequestStep = SupportRequest["allowed_actions"][number];
export type SupportListAction = SupportRequestList["allowed_actions"][number];

/** What is sent (z.input: before the schema's defaults and transforms; instants are ISO strings). */
export type CreateRequestInput = z.input<typeof createSupportRequestBody>;
export type BreakGlassRequestInput = z.input<typeof breakGlassBody>;
export type ApproveInput = z.input<typeof approveBody>;
export type DenyInput = z.input<typeof denyBody>;
export type RevokeInput = z.input<typeof revokeBody>;
export type ExtendInput = z.input<typeof extendBody>;
export type ReviewInput = z.input<typeof reviewBody>;
export type PolicyInput = z.input<typeof supportPolicyBody>;
export type ListRequestsQuery = z.input<typeof listRequestsQuery>;
/** The access log's filters (`limit` is coerced by the route, so its input type is loose: named here). */
export type AccessesQuery = Partial<Omit<z.output<typeof accessesQuery>, "limit">> & { limit?: number };

const base = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}/support-access`;
const requestPath = (tenant: string, id: string) => `${base(tenant)}/requests/${encodeURIComponent(id)}`;
const grantPath = (tenant: string, id: string) => `${base(tenant)}/grants/${encodeURIComponent(id)}`;

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Where the access log downloads as CSV (the server names the file). */
export function accessesCsvUrl(tenant: string, filter: Omit<AccessesQuery, "format"> = {}): string {
  return `${base(tenant)}/accesses${query({ ...filter, format: "csv" })}`;
}

/** The typed browser client of every support-access route of a tenant. */
export const supportApi = {
  listRequests: (tenant: string, q: ListRequestsQuery = {}) =>
    apiCall<SupportRequestList>(`${base(tenant)}/requests${query(q)}`),
  getRequest: (tenant: string, id: string) => apiCall<SupportRequest>(requestPath(tenant, id)),
  createRequest: (tenant: string, body: CreateRequestInput) =>
    apiSend<SupportRequest>(`${base(tenant)}/requests`, body),
  openBreakGlass: (tenant: string, body: BreakGlassRequestInput) =>
    apiSend<SupportRequest>(`${base(tenant)}/break-glass`, body),
  approve: (tenant: string, id: string, body: ApproveInput = {}) =>
    apiSend<SupportRequest>(`${requestPath(tenant, id)}/approve`, body),
  deny: (tenant: string, id: string, body: DenyInput = {}) =>
    apiSend<SupportRequest>(`${requestPath(tenant, id)}/deny`, body),
  withdraw: (tenant: string, id: string) => apiSend<SupportRequest>(`${requestPath(tenant, id)}/withdraw`),
  extend: (tenant: string, id: string, body: ExtendInput) =>
    apiSend<SupportRequest>(`${requestPath(tenant, id)}/extend`, body),
  confirmBreakGlass: (tenant: string, id: string) => apiSend<SupportRequest>(`${requestPath(tenant, id)}/confirm`),
  reviewBreakGlass: (tenant: string, id: string, body: ReviewInput) =>
    apiSend<SupportRequest>(`${requestPath(tenant, id)}/review`, body),
  listGrants: (tenant: string) => apiCall<SupportGrantList>(`${base(tenant)}/grants`),
  revoke: (tenant: string, grantId: string, body: RevokeInput = {}) =>
    apiSend<SupportRequest>(`${grantPath(tenant, grantId)}/revoke`, body),
  token: (tenant: string, grantId: string) => apiSend<GrantToken>(`${grantPath(tenant, grantId)}/token`),
  getPolicy: (tenant: string) => apiCall<SupportPolicy>(`${base(tenant)}/policy`),
  putPolicy: (tenant: string, body: PolicyInput) => apiSend<SupportPolicy>(`${base(tenant)}/policy`, body, "PUT"),
  listAccesses: (tenant: string, q: Omit<AccessesQuery, "format"> = {}) =>
    apiCall<AccessList>(`${base(tenant)}/accesses${query({ ...q, format: "json" })}`),
};
