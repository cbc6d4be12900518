import { POST as cancelDeletion } from "@/app/api/v1/tenants/[tenant]/keys/[key]/cancel-deletion/route";
import { POST as disable } from "@/app/api/v1/tenants/[tenant]/keys/[key]/disable/route";
import { POST as enable } from "@/app/api/v1/tenants/[tenant]/keys/[key]/enable/route";
import { GET as events } from "@/app/api/v1/tenants/[tenant]/keys/[key]/events/route";
import { GET as receipts } from "@/app/api/v1/tenants/[tenant]/keys/[key]/receipts/route";
import { POST as rotate } from "@/app/api/v1/tenants/[tenant]/keys/[key]/rotate/route";
import { PATCH as setPeriod } from "@/app/api/v1/tenants/[tenant]/keys/[key]/route";
import { POST as scheduleDeletion } from "@/app/api/v1/tenants/[tenant]/keys/[key]/schedule-deletion/route";
import { GET as listKeys } from "@/app/api/v1/tenants/[tenant]/keys/route";
import { bearer, call, request } from "./http";

type Handler = Parameters<typeof call>[0];

export interface KeyRoute {
  name: string;
  method: "GET" | "POST" | "PATCH";
  handler: Handler;
  /** The path below /api/v1/tenants/<tenant>/keys. */
  suffix: (key: string) => string;
  write: boolean;
  /** A valid body for this tenant, if the route takes one. */
  body?: (tenant: string) => unknown;
}

export const KEY_ROUTES: KeyRoute[] = [
  { name: "list keys", method: "GET", handler: listKeys, suffix: () => "", write: false },
  { name: "events", method: "GET", handler: events, suffix: (k) => `/${k}/events`, write: false },
  { name: "receipts", method: "GET", handler: receipts, suffix: (k) => `/${k}/receipts`, write: false },
  {
    name: "rotation period",
    method: "PATCH",
    handler: setPeriod,
    suffix: (k) => `/${k}`,
    write: true,
    body: () => ({ rotation_period_days: 180 }),
  },
  { name: "rotate", method: "POST", handler: rotate, suffix: (k) => `/${k}/rotate`, write: true },
  {
    name: "disable",
    method: "POST",
    handler: disable,
    suffix: (k) => `/${k}/disable`,
    write: true,
    body: (t) => ({ confirm: t }),
  },
  { name: "enable", method: "POST", handler: enable, suffix: (k) => `/${k}/enable`, write: true },
  {
    name: "schedule deletion",
    method: "POST",
    handler: scheduleDeletion,
    suffix: (k) => `/${k}/schedule-deletion`,
    write: true,
    body: (t) => ({ confirm: t, days: 7 }),
  },
  {
    name: "cancel deletion",
    method: "POST",
    handler: cancelDeletion,
    suffix: (k) => `/${k}/cancel-deletion`,
    write: true,
  },
];

export function route(name: string): KeyRoute {
  const found = KEY_ROUTES.find((r) => r.name === name);
  if (!found) throw new Error(`no key route ${name}`);
  return found;
}

export interface CallOptions {
  token: string;
  /** Raw body text (sent as is); defaults to the route's valid body as JSON. */
  text?: string;
  body?: unknown;
  query?: string;
  headers?: Record<string, string>;
}

/** Calls a key route as Next would, with an API token. */
export function callKeyRoute(r: KeyRoute, tenant: string, key: string, options: CallOptions): Promise<Response> {
  const body =
    options.text ??
    (options.body !== undefined ? JSON.stringify(options.body) : r.body ? JSON.stringify(r.body(tenant)) : undefined);
  const headers: Record<string, string> = {
    ...bearer(options.token),
    ...(body !== undefined ? { "content-type": "application/json" } : {}),
    ...options.headers,
  };
  const path = `/api/v1/tenants/${tenant}/keys${r.suffix(key)}${options.query ?? ""}`;
  const params: Record<string, string> = r.name === "list keys" ? { tenant } : { tenant, key };
  return call(r.handler, request(path, { method: r.method, headers, body }), params);
}
