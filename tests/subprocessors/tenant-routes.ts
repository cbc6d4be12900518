import { GET as tenantView } from "@/app/api/v1/tenants/[tenant]/subprocessors/route";
import {
  GET as listObjections,
  POST as raiseObjection,
} from "@/app/api/v1/tenants/[tenant]/subprocessor-objections/route";
import { GET as regionQueue } from "@/app/api/v1/region/subprocessor-objections/route";
import { POST as resolve } from "@/app/api/v1/region/subprocessor-objections/[id]/resolve/route";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { bearer, call, request } from "../helpers/http";

type Handler = Parameters<typeof call>[0];

export interface ObjectionRoute {
  name: string;
  method: "GET" | "POST";
  handler: Handler;
  /** Tenant routes take the tenant's slug; region routes an objection id. */
  path: (tenant: string, id: string) => string;
  params: (tenant: string, id: string) => Record<string, string>;
  body?: (changeId: string) => unknown;
}

export const OBJECTION_ROUTES: ObjectionRoute[] = [
  {
    name: "tenant view",
    method: "GET",
    handler: tenantView,
    path: (t) => `/api/v1/tenants/${t}/subprocessors`,
    params: (tenant) => ({ tenant }),
  },
  {
    name: "list objections",
    method: "GET",
    handler: listObjections,
    path: (t) => `/api/v1/tenants/${t}/subprocessor-objections`,
    params: (tenant) => ({ tenant }),
  },
  {
    name: "object",
    method: "POST",
    handler: raiseObjection,
    path: (t) => `/api/v1/tenants/${t}/subprocessor-objections`,
    params: (tenant) => ({ tenant }),
    body: (change_id) => ({ change_id, reason: "Our customers' data must not go to the United States." }),
  },
  {
    name: "region queue",
    method: "GET",
    handler: regionQueue,
    path: () => "/api/v1/region/subprocessor-objections",
    params: () => ({}),
  },
  {
    name: "resolve",
    method: "POST",
    handler: resolve,
    path: (_t, id) => `/api/v1/region/subprocessor-objections/${id}/resolve`,
    params: (_t, id) => ({ id }),
    body: () => ({ outcome: "accepted_after_explanation", resolution: "Mailgrid only sees hashed addresses." }),
  },
];

export function objectionRoute(name: string): ObjectionRoute {
  const found = OBJECTION_ROUTES.find((r) => r.name === name);
  if (!found) throw new Error(`no objection route ${name}`);
  return found;
}

/** Calls one of the routes as Next would, with an API token (none: anonymous). */
export function callObjections(
  name: string,
  options: {
    token?: string;
    tenant?: string;
    id?: string;
    changeId?: string;
    body?: unknown;
    text?: string;
    query?: string;
  } = {},
): Promise<Response> {
  const r = objectionRoute(name);
  const tenant = options.tenant ?? "northwind-eu";
  const id = options.id ?? "x";
  const body =
    options.text ??
    (options.body !== undefined
      ? JSON.stringify(options.body)
      : r.body
        ? JSON.stringify(r.body(options.changeId ?? "x"))
        : undefined);
  const headers: Record<string, string> = {
    ...(options.token ? bearer(options.token) : {}),
    ...(body !== undefined ? { "content-type": "application/json" } : {}),
  };
  return call(
    r.handler,
    request(`${r.path(tenant, id)}${options.query ?? ""}`, { method: r.method, headers, body }),
    r.params(tenant, id),
  );
}

/** Everything an objection call could change, to show a refused one changed nothing. */
export async function objectionTotals(prisma: PrismaClient) {
  const [objections, resolved, audit, notifications, deliveries] = await Promise.all([
    prisma.subprocessorObjection.count(),
    prisma.subprocessorObjection.count({ where: { state: "resolved" } }),
    prisma.auditEntry.count({ where: { action: { startsWith: "subprocessor.objection" } } }),
    prisma.notification.count({ where: { event: { startsWith: "subprocessor.objection" } } }),
    prisma.webhookDelivery.count({ where: { eventType: { startsWith: "subprocessor.objection" } } }),
  ]);
  return { objections, resolved, audit, notifications, deliveries };
}
