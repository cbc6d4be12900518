import { GET as listNotifications } from "@/app/api/v1/notifications/route";
import { POST as readOne } from "@/app/api/v1/notifications/[id]/read/route";
import { POST as readAll } from "@/app/api/v1/notifications/read-all/route";
import { GET as listWebhooks, POST as createWebhook } from "@/app/api/v1/tenants/[tenant]/webhooks/route";
import { POST as disable } from "@/app/api/v1/tenants/[tenant]/webhooks/[id]/disable/route";
import { POST as enable } from "@/app/api/v1/tenants/[tenant]/webhooks/[id]/enable/route";
import { POST as test } from "@/app/api/v1/tenants/[tenant]/webhooks/[id]/test/route";
import { GET as deliveries } from "@/app/api/v1/tenants/[tenant]/webhooks/[id]/deliveries/route";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { bearer, call, request } from "../helpers/http";

type Handler = Parameters<typeof call>[0];

export interface WebhookRoute {
  name: string;
  method: "GET" | "POST";
  handler: Handler;
  suffix: (id: string) => string;
  /** Needs an endpoint id in the path. */
  endpoint: boolean;
  write: boolean;
  body?: () => unknown;
}

export const WEBHOOK_ROUTES: WebhookRoute[] = [
  { name: "list", method: "GET", handler: listWebhooks, suffix: () => "/webhooks", endpoint: false, write: false },
  {
    name: "create",
    method: "POST",
    handler: createWebhook,
    suffix: () => "/webhooks",
    endpoint: false,
    write: true,
    body: () => ({ url: "https://hooks.northwind.example/terrane", description: "SIEM", events: [] }),
  },
  {
    name: "disable",
    method: "POST",
    handler: disable,
    suffix: (id) => `/webhooks/${id}/disable`,
    endpoint: true,
    write: true,
  },
  {
    name: "enable",
    method: "POST",
    handler: enable,
    suffix: (id) => `/webhooks/${id}/enable`,
    endpoint: true,
    write: true,
  },
  { name: "test", method: "POST", handler: test, suffix: (id) => `/webhooks/${id}/test`, endpoint: true, write: true },
  {
    name: "deliveries",
    method: "GET",
    handler: deliveries,
    suffix: (id) => `/webhooks/${id}/deliveries`,
    endpoint: true,
    write: false,
  },
];

export interface CallOptions {
  token?: string;
  body?: unknown;
  text?: string;
  query?: string;
  headers?: Record<string, string>;
}

function jsonInit(method: string, options: CallOptions, fallback?: () => unknown) {
  const body =
    options.text ??
    (options.body !== undefined ? JSON.stringify(options.body) : fallback ? JSON.stringify(fallback()) : undefined);
  const headers: Record<string, string> = {
    ...(options.token ? bearer(options.token) : {}),
    ...(body !== undefined ? { "content-type": "application/json" } : {}),
    ...options.headers,
  };
  return { method, headers, body };
}

export function callWebhooks(
  r: WebhookRoute,
  tenant: string,
  id: string,
  options: CallOptions = {},
): Promise<Response> {
  const path = `/api/v1/tenants/${tenant}${r.suffix(id)}${options.query ?? ""}`;
  return call(r.handler, request(path, jsonInit(r.method, options, r.body)), r.endpoint ? { tenant, id } : { tenant });
}

export const notificationCalls = {
  list: (options: CallOptions = {}) =>
    call(listNotifications, request(`/api/v1/notifications${options.query ?? ""}`, jsonInit("GET", options))),
  read: (id: string, options: CallOptions = {}) =>
    call(readOne, request(`/api/v1/notifications/${id}/read`, jsonInit("POST", options)), { id }),
  readAll: (options: CallOptions = {}) =>
    call(readAll, request(`/api/v1/notifications/read-all`, jsonInit("POST", options))),
};

/** Everything a webhook request could change (a refused change leaves `access.denied`, not a change). */
export async function webhookTotals(prisma: PrismaClient) {
  const [endpoints, disabled, deliveries, audit] = await Promise.all([
    prisma.webhookEndpoint.count(),
    prisma.webhookEndpoint.count({ where: { disabledAt: { not: null } } }),
    prisma.webhookDelivery.count(),
    prisma.auditEntry.count({ where: { action: { not: "access.denied" } } }),
  ]);
  return { endpoints, disabled, deliveries, audit };
}
