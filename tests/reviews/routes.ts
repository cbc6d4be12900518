import { GET as list } from "@/app/api/v1/region/reviews/route";
import { GET as getOne } from "@/app/api/v1/region/reviews/[id]/route";
import { POST as assign } from "@/app/api/v1/region/reviews/[id]/assign/route";
import { POST as resolve } from "@/app/api/v1/region/reviews/[id]/resolve/route";
import { POST as bulk } from "@/app/api/v1/region/reviews/bulk/route";
import { GET as getSlas, PUT as putSlas } from "@/app/api/v1/region/review-slas/route";
import { GET as listViews, POST as createView } from "@/app/api/v1/region/review-views/route";
import { DELETE as deleteView } from "@/app/api/v1/region/review-views/[id]/route";
import { GET as tenantList } from "@/app/api/v1/tenants/[tenant]/reviews/route";
import { bearer, call, request } from "../helpers/http";

type Handler = Parameters<typeof call>[0];

export interface ReviewRoute {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  handler: Handler;
  path: (id: string) => string;
  params: (id: string) => Record<string, string>;
  body?: () => unknown;
}

const R = "/api/v1/region";

/** Every route of the queue, with a body that passes validation (for the authorization table). */
export const REVIEW_ROUTES: ReviewRoute[] = [
  { name: "list", method: "GET", handler: list, path: () => `${R}/reviews`, params: () => ({}) },
  { name: "get", method: "GET", handler: getOne, path: (id) => `${R}/reviews/${id}`, params: (id) => ({ id }) },
  {
    name: "assign",
    method: "POST",
    handler: assign,
    path: (id) => `${R}/reviews/${id}/assign`,
    params: (id) => ({ id }),
    body: () => ({ assignee: "me" }),
  },
  {
    name: "resolve",
    method: "POST",
    handler: resolve,
    path: (id) => `${R}/reviews/${id}/resolve`,
    params: (id) => ({ id }),
    body: () => ({ outcome: "remediated", rationale: "The pipeline was stopped." }),
  },
  {
    name: "bulk",
    method: "POST",
    handler: bulk,
    path: () => `${R}/reviews/bulk`,
    params: () => ({}),
    body: () => ({ action: "assign", ids: ["00000000-0000-0000-0000-000000000000"], assignee: "me" }),
  },
  { name: "get slas", method: "GET", handler: getSlas, path: () => `${R}/review-slas`, params: () => ({}) },
  {
    name: "put slas",
    method: "PUT",
    handler: putSlas,
    path: () => `${R}/review-slas`,
    params: () => ({}),
    body: () => ({ slas: [{ kind: "border_violation", hours: 12 }] }),
  },
  { name: "list views", method: "GET", handler: listViews, path: () => `${R}/review-views`, params: () => ({}) },
  {
    name: "create view",
    method: "POST",
    handler: createView,
    path: () => `${R}/review-views`,
    params: () => ({}),
    body: () => ({ name: `Mine ${Math.random()}`, filters: { assignee: "me" } }),
  },
  {
    name: "delete view",
    method: "DELETE",
    handler: deleteView,
    path: (id) => `${R}/review-views/${id}`,
    params: (id) => ({ id }),
  },
  {
    name: "tenant list",
    method: "GET",
    handler: tenantList,
    path: (tenant) => `/api/v1/tenants/${tenant}/reviews`,
    params: (tenant) => ({ tenant }),
  },
];

/** Calls one of the queue's routes as Next would, with an API token (none: anonymous). */
export function callReviews(
  name: string,
  options: { token?: string; id?: string; body?: unknown; query?: string } = {},
): Promise<Response> {
  const r = REVIEW_ROUTES.find((x) => x.name === name);
  if (!r) throw new Error(`no review route ${name}`);
  const id = options.id ?? "none";
  const body =
    options.body !== undefined ? JSON.stringify(options.body) : r.body ? JSON.stringify(r.body()) : undefined;
  const headers: Record<string, string> = {
    ...(options.token ? bearer(options.token) : {}),
    ...(body !== undefined ? { "content-type": "application/json" } : {}),
  };
  const path = `${r.path(id)}${options.query ? `?${options.query}` : ""}`;
  return call(r.handler, request(path, { method: r.method, headers, body }), r.params(id));
}
