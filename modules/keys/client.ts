import { apiCall as call, apiSend } from "@/platform/http/client-fetch";
import type { KeyChangeResult } from "@/modules/keys/server/lifecycle";
import type { KeyTimeline, ReceiptView } from "@/modules/keys/server/timeline";
import type { KEY_OPERATIONS } from "@/modules/keys/api-schemas";
import type { Readable } from "@/modules/keys/server/protected-fields";
import type { TenantContactView } from "@/modules/tenants/server/contacts";
import type { KeySummary, RotationSummary, TenantKeyList } from "@/modules/keys/server/tenant-keys";

export type {
  KeyChangeResult,
  KeySummary,
  KeyTimeline,
  Readable,
  ReceiptView,
  RotationSummary,
  TenantContactView,
  TenantKeyList,
};

type ServerOperation = (typeof KEY_OPERATIONS)[number];

/**
 * The operations the events endpoint filters on. Repeated here because the server list lives in
 * a server-only module; the check below fails to compile when the two lists drift apart.
 */
export const KEY_OPERATION_OPTIONS = [
  "encrypt",
  "decrypt",
  "generate_data_key",
  "reencrypt",
  "sign",
  "verify",
] as const satisfies readonly ServerOperation[];
export type KeyOperation = (typeof KEY_OPERATION_OPTIONS)[number];
const everyOperationListed: [Exclude<ServerOperation, KeyOperation>] extends [never] ? true : never = true;
void everyOperationListed;

/** The window and operation of a timeline view; `from`/`to` are ISO instants, `to` exclusive. */
export interface TimelineFilter {
  from: string;
  to: string;
  operation: KeyOperation | null;
}

const keysPath = (tenant: string) => `/api/v1/tenants/${encodeURIComponent(tenant)}/keys`;
const keyPath = (tenant: string, key: string) => `${keysPath(tenant)}/${encodeURIComponent(key)}`;

const post = <T>(path: string, body?: unknown) => apiSend<T>(path, body);

function timelineQuery(filter: TimelineFilter, format: "json" | "csv"): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.operation) params.set("operation", filter.operation);
  params.set("format", format);
  return params.toString();
}

/** Where the CSV of the same view downloads (the server sets the file name). */
export function eventsCsvUrl(tenant: string, key: string, filter: TimelineFilter): string {
  return `${keyPath(tenant, key)}/events?${timelineQuery(filter, "csv")}`;
}

export const keysApi = {
  list: (tenant: string) => call<TenantKeyList>(keysPath(tenant)),
  setRotationPeriod: (tenant: string, key: string, days: number) =>
    call<KeyChangeResult>(keyPath(tenant, key), {
      method: "PATCH",
      body: JSON.stringify({ rotation_period_days: days }),
    }),
  rotate: (tenant: string, key: string) =>
    post<{ key: KeySummary; rotation: RotationSummary }>(`${keyPath(tenant, key)}/rotate`),
  disable: (tenant: string, key: string, confirm: string) =>
    post<KeyChangeResult>(`${keyPath(tenant, key)}/disable`, { confirm }),
  enable: (tenant: string, key: string) => post<KeyChangeResult>(`${keyPath(tenant, key)}/enable`),
  scheduleDeletion: (tenant: string, key: string, input: { confirm: string; days: number }) =>
    post<KeyChangeResult>(`${keyPath(tenant, key)}/schedule-deletion`, input),
  cancelDeletion: (tenant: string, key: string) => post<KeyChangeResult>(`${keyPath(tenant, key)}/cancel-deletion`),
  timeline: (tenant: string, key: string, filter: TimelineFilter) =>
    call<KeyTimeline>(`${keyPath(tenant, key)}/events?${timelineQuery(filter, "json")}`),
  receipts: (tenant: string, key: string) =>
    call<{ tenant: string; key_id: string; receipts: ReceiptView[] }>(`${keyPath(tenant, key)}/receipts`),
  contacts: (tenant: string) =>
    call<Readable<TenantContactView[]>>(`/api/v1/tenants/${encodeURIComponent(tenant)}/contacts`),
};

export const keysQueryKeys = {
  all: (tenant: string) => ["tenants", tenant, "keys"] as const,
  list: (tenant: string) => [...keysQueryKeys.all(tenant), "list"] as const,
  timelines: (tenant: string) => [...keysQueryKeys.all(tenant), "timeline"] as const,
  timeline: (tenant: string, key: string, filter: TimelineFilter) =>
    [...keysQueryKeys.timelines(tenant), key, filter] as const,
  receipts: (tenant: string, key: string) => [...keysQueryKeys.all(tenant), "receipts", key] as const,
  contacts: (tenant: string) => ["tenants", tenant, "contacts"] as const,
};
