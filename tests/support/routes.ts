import { POST as accessEvents } from "@/app/api/v1/ingest/access-events/route";
import { POST as authorize } from "@/app/api/v1/support-access/authorize/route";
import { GET as accesses } from "@/app/api/v1/tenants/[tenant]/support-access/accesses/route";
import { POST as breakGlass } from "@/app/api/v1/tenants/[tenant]/support-access/break-glass/route";
import { POST as revoke } from "@/app/api/v1/tenants/[tenant]/support-access/grants/[grant]/revoke/route";
import { POST as token } from "@/app/api/v1/tenants/[tenant]/support-access/grants/[grant]/token/route";
import { GET as grants } from "@/app/api/v1/tenants/[tenant]/support-access/grants/route";
import { GET as getPolicy, PUT as putPolicy } from "@/app/api/v1/tenants/[tenant]/support-access/policy/route";
import { POST as approve } from "@/app/api/v1/tenants/[tenant]/support-access/requests/[request]/approve/route";
import { POST as confirm } from "@/app/api/v1/tenants/[tenant]/support-access/requests/[request]/confirm/route";
import { POST as deny } from "@/app/api/v1/tenants/[tenant]/support-access/requests/[request]/deny/route";
import { POST as extend } from "@/app/api/v1/tenants/[tenant]/support-access/requests/[request]/extend/route";
import { POST as review } from "@/app/api/v1/tenants/[tenant]/support-access/requests/[request]/review/route";
import { GET as getRequest } from "@/app/api/v1/tenants/[tenant]/support-access/requests/[request]/route";
import { POST as withdraw } from "@/app/api/v1/tenants/[tenant]/support-access/requests/[request]/withdraw/route";
import {
  GET as listRequests,
  POST as createRequest,
} from "@/app/api/v1/tenants/[tenant]/support-access/requests/route";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { bearer, call, request } from "../helpers/http";

type Handler = Parameters<typeof call>[0];

export interface SupportRoute {
  name: string;
  method: "GET" | "POST" | "PUT";
  handler: Handler;
  /** Below /api/v1/tenants/<tenant>/support-access; `id` is a request or grant id. */
  suffix: (id: string) => string;
  /** Which path parameter `id` is. */
  param?: "request" | "grant";
  body?: () => unknown;
}

export const requestBody = (over: Record<string, unknown> = {}) => ({
  scope: { stores: [], data_classes: ["business_records"], access: "read" },
  reason: "customer_initiated_support",
  detail: "Invoices look duplicated; need to read the billing rows.",
  ticket: "NW-5000",
  duration_minutes: 60,
  ...over,
});

export const SUPPORT_ROUTES: SupportRoute[] = [
  { name: "list requests", method: "GET", handler: listRequests, suffix: () => "/requests" },
  {
    name: "create request",
    method: "POST",
    handler: createRequest,
    suffix: () => "/requests",
    body: () => requestBody(),
  },
  {
    name: "break-glass",
    method: "POST",
    handler: breakGlass,
    suffix: () => "/break-glass",
    body: () => requestBody({ reason: "production_alert_response", ticket: undefined, duration_minutes: 30 }),
  },
  { name: "get request", method: "GET", handler: getRequest, suffix: (id) => `/requests/${id}`, param: "request" },
  {
    name: "approve",
    method: "POST",
    handler: approve,
    suffix: (id) => `/requests/${id}/approve`,
    param: "request",
    body: () => ({}),
  },
  {
    name: "deny",
    method: "POST",
    handler: deny,
    suffix: (id) => `/requests/${id}/deny`,
    param: "request",
    body: () => ({}),
  },
  { name: "withdraw", method: "POST", handler: withdraw, suffix: (id) => `/requests/${id}/withdraw`, param: "request" },
  {
    name: "extend",
    method: "POST",
    handler: extend,
    suffix: (id) => `/requests/${id}/extend`,
    param: "request",
    body: () => ({ duration_minutes: 30, detail: "Need another half hour." }),
  },
  { name: "confirm", method: "POST", handler: confirm, suffix: (id) => `/requests/${id}/confirm`, param: "request" },
  {
    name: "review",
    method: "POST",
    handler: review,
    suffix: (id) => `/requests/${id}/review`,
    param: "request",
    body: () => ({ rationale: "Alert P1-771 justified it; reads only." }),
  },
  { name: "list grants", method: "GET", handler: grants, suffix: () => "/grants" },
  {
    name: "revoke",
    method: "POST",
    handler: revoke,
    suffix: (id) => `/grants/${id}/revoke`,
    param: "grant",
    body: () => ({}),
  },
  { name: "token", method: "POST", handler: token, suffix: (id) => `/grants/${id}/token`, param: "grant" },
  { name: "get policy", method: "GET", handler: getPolicy, suffix: () => "/policy" },
  {
    name: "put policy",
    method: "PUT",
    handler: putPolicy,
    suffix: () => "/policy",
    body: () => ({
      approvals_required: 1,
      request_lifetime_hours: 12,
      max_grant_hours: 8,
      denied_reasons: [],
      allow_read_write: true,
    }),
  },
  { name: "accesses", method: "GET", handler: accesses, suffix: () => "/accesses" },
];

export function supportRoute(name: string): SupportRoute {
  const found = SUPPORT_ROUTES.find((r) => r.name === name);
  if (!found) throw new Error(`no support route ${name}`);
  return found;
}

/** Calls a support-access route as Next would, with an API token. */
export function callSupport(
  name: string,
  tenant: string,
  options: { token?: string; id?: string; body?: unknown; text?: string; query?: string } = {},
): Promise<Response> {
  const r = supportRoute(name);
  const body =
    options.text ??
    (options.body !== undefined ? JSON.stringify(options.body) : r.body ? JSON.stringify(r.body()) : undefined);
  const headers: Record<string, string> = {
    ...(options.token ? bearer(options.token) : {}),
    ...(body !== undefined ? { "content-type": "application/json" } : {}),
  };
  const path = `/api/v1/tenants/${tenant}/support-access${r.suffix(options.id ?? "x")}${options.query ?? ""}`;
  const params: Record<string, string> = { tenant };
  if (r.param) params[r.param] = options.id ?? "x";
  return call(r.handler, request(path, { method: r.method, headers, body }), params);
}

export function callAuthorize(ingestToken: string, body: unknown): Promise<Response> {
  return call(
    authorize,
    request("/api/v1/support-access/authorize", {
      method: "POST",
      headers: { ...bearer(ingestToken), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

export function callAccessEvents(ingestToken: string, body: unknown): Promise<Response> {
  return call(
    accessEvents,
    request("/api/v1/ingest/access-events", {
      method: "POST",
      headers: { ...bearer(ingestToken), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/** Everything a support-access call could change, to show a refused call changed nothing. */
export async function supportTotals(prisma: PrismaClient) {
  const [requests, approvals, grants, events, policies, notifications] = await Promise.all([
    prisma.supportRequest.count(),
    prisma.supportApproval.count(),
    prisma.supportGrant.count(),
    prisma.supportAccessEvent.count(),
    prisma.supportPolicy.findMany({ orderBy: { tenantId: "asc" } }),
    prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM support_requests WHERE state <> 'pending'`,
  ]);
  return { requests, approvals, grants, events, policies, settled: Number(notifications[0]!.n) };
}
