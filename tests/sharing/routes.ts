import { GET as listClasses, POST as createClass } from "@/app/api/v1/tenants/[tenant]/data-classes/route";
import { POST as accept } from "@/app/api/v1/tenants/[tenant]/decisions/[decision]/accept/route";
import { POST as approve } from "@/app/api/v1/tenants/[tenant]/decisions/[decision]/approve/route";
import { POST as reject } from "@/app/api/v1/tenants/[tenant]/decisions/[decision]/reject/route";
import { POST as rejectReview } from "@/app/api/v1/tenants/[tenant]/decisions/[decision]/reject-review/route";
import { GET as getDecision, PATCH as editDecision } from "@/app/api/v1/tenants/[tenant]/decisions/[decision]/route";
import { POST as submit } from "@/app/api/v1/tenants/[tenant]/decisions/[decision]/submit/route";
import { POST as withdraw } from "@/app/api/v1/tenants/[tenant]/decisions/[decision]/withdraw/route";
import { GET as matrix } from "@/app/api/v1/tenants/[tenant]/decisions/matrix/route";
import { GET as policy } from "@/app/api/v1/tenants/[tenant]/decisions/policy/route";
import { GET as listDecisions, POST as createDecision } from "@/app/api/v1/tenants/[tenant]/decisions/route";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { bearer, call, request } from "../helpers/http";

type Handler = Parameters<typeof call>[0];

export interface SharingRoute {
  name: string;
  method: "GET" | "POST" | "PATCH";
  handler: Handler;
  /** The path below /api/v1/tenants/<tenant>. */
  suffix: (decision: string) => string;
  /** Needs a decision id in the path. */
  decision: boolean;
  /** A valid body, if the route takes one. */
  body?: () => unknown;
}

let unique = 0;
/** A fresh tenant data-class key each call, so repeated valid calls do not collide. */
export const freshKey = () => `test_class_${++unique}_${Date.now() % 100_000}`;

export const newDecisionBody = (
  dataClass = "usage_telemetry",
  destination: unknown = { kind: "region", id: "us-east-1" },
) => ({
  data_class: dataClass,
  destination,
  outcome: "allow_aggregates",
  legal_basis: "sccs",
  tia_ref: "TIA-T-1",
  dpa_clause: "DPA §8",
  effective_from: "2026-01-01T00:00:00Z",
  notes: "test",
});

export const SHARING_ROUTES: SharingRoute[] = [
  { name: "list data classes", method: "GET", handler: listClasses, suffix: () => "/data-classes", decision: false },
  {
    name: "create data class",
    method: "POST",
    handler: createClass,
    suffix: () => "/data-classes",
    decision: false,
    body: () => ({ key: freshKey(), name: "Test class", sensitivity: "confidential" }),
  },
  { name: "list decisions", method: "GET", handler: listDecisions, suffix: () => "/decisions", decision: false },
  {
    name: "create decision",
    method: "POST",
    handler: createDecision,
    suffix: () => "/decisions",
    decision: false,
    body: () => newDecisionBody(),
  },
  { name: "matrix", method: "GET", handler: matrix, suffix: () => "/decisions/matrix", decision: false },
  { name: "policy", method: "GET", handler: policy, suffix: () => "/decisions/policy", decision: false },
  { name: "get decision", method: "GET", handler: getDecision, suffix: (d) => `/decisions/${d}`, decision: true },
  {
    name: "edit decision",
    method: "PATCH",
    handler: editDecision,
    suffix: (d) => `/decisions/${d}`,
    decision: true,
    body: () => ({ notes: "edited" }),
  },
  { name: "submit", method: "POST", handler: submit, suffix: (d) => `/decisions/${d}/submit`, decision: true },
  { name: "approve", method: "POST", handler: approve, suffix: (d) => `/decisions/${d}/approve`, decision: true },
  {
    name: "reject review",
    method: "POST",
    handler: rejectReview,
    suffix: (d) => `/decisions/${d}/reject-review`,
    decision: true,
    body: () => ({ reason: "needs a TIA update" }),
  },
  { name: "accept", method: "POST", handler: accept, suffix: (d) => `/decisions/${d}/accept`, decision: true },
  {
    name: "reject",
    method: "POST",
    handler: reject,
    suffix: (d) => `/decisions/${d}/reject`,
    decision: true,
    body: () => ({ reason: "not what we agreed" }),
  },
  { name: "withdraw", method: "POST", handler: withdraw, suffix: (d) => `/decisions/${d}/withdraw`, decision: true },
];

export function sharingRoute(name: string): SharingRoute {
  const found = SHARING_ROUTES.find((r) => r.name === name);
  if (!found) throw new Error(`no sharing route ${name}`);
  return found;
}

export interface CallOptions {
  /** API token; without it (and without headers), the call is anonymous. */
  token?: string;
  /** Raw body text, sent as is; defaults to the route's valid body as JSON. */
  text?: string;
  body?: unknown;
  query?: string;
  headers?: Record<string, string>;
}

/** Calls a sharing route as Next would. */
export function callSharing(
  r: SharingRoute,
  tenant: string,
  decision: string,
  options: CallOptions = {},
): Promise<Response> {
  const body =
    options.text ??
    (options.body !== undefined ? JSON.stringify(options.body) : r.body ? JSON.stringify(r.body()) : undefined);
  const headers: Record<string, string> = {
    ...(options.token ? bearer(options.token) : {}),
    ...(body !== undefined ? { "content-type": "application/json" } : {}),
    ...options.headers,
  };
  const path = `/api/v1/tenants/${tenant}${r.suffix(decision)}${options.query ?? ""}`;
  return call(
    r.handler,
    request(path, { method: r.method, headers, body }),
    r.decision ? { tenant, decision } : { tenant },
  );
}

/**
 * Everything a sharing request could change: rows of every sharing table, tenant classes, audit
 * entries of changes (a refused change leaves evidence, `access.denied`, not a change).
 */
export async function sharingTotals(prisma: PrismaClient) {
  const [decisions, versions, events, revisions, classes, audit] = await Promise.all([
    prisma.sharingDecision.count(),
    prisma.sharingDecisionVersion.count(),
    prisma.sharingDecisionEvent.count(),
    prisma.sharingPolicyRevision.aggregate({ _sum: { revision: true } }),
    prisma.dataClass.count(),
    prisma.auditEntry.count({ where: { action: { not: "access.denied" } } }),
  ]);
  const changed = await prisma.sharingDecisionVersion.aggregate({ _max: { updatedAt: true } });
  return {
    decisions,
    versions,
    events,
    revision: revisions._sum.revision ?? 0,
    classes,
    audit,
    lastUpdate: changed._max.updatedAt?.toISOString() ?? null,
  };
}
