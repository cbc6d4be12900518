/**
 * Every API route and the methods its route.ts exports (tests/http/api-methods.test.ts keeps
 * this equal to app/). proxy.ts answers any other method with a problem+json 405 itself,
 * because Next answers a method a route does not export with an empty 405 of its own.
 */
export const API_ROUTE_METHODS: readonly (readonly [string, readonly string[]])[] = [
  ["/api/auth/[...nextauth]", ["GET", "POST"]],
  ["/api/health", ["GET"]],
  ["/api/v1/audit/checkpoint", ["GET"]],
  ["/api/v1/audit/consistency", ["GET"]],
  ["/api/v1/audit/jwks", ["GET"]],
  ["/api/v1/audit/key", ["GET"]],
  ["/api/v1/audit/leaves", ["GET"]],
  ["/api/v1/audit/proof", ["GET"]],
  ["/api/v1/audit/witness-key", ["GET"]],
  ["/api/v1/audit/witness/[region]", ["GET"]],
  ["/api/v1/ingest/access-events", ["POST"]],
  ["/api/v1/ingest/key-usage", ["POST"]],
  ["/api/v1/ingest/openlineage", ["POST"]],
  ["/api/v1/notifications", ["GET"]],
  ["/api/v1/notifications/[id]/read", ["POST"]],
  ["/api/v1/notifications/read-all", ["POST"]],
  ["/api/v1/openapi.json", ["GET"]],
  ["/api/v1/openlineage/facets/[facet]/[version]", ["GET"]],
  ["/api/v1/region/drills", ["GET"]],
  ["/api/v1/region/governance", ["GET"]],
  ["/api/v1/region/ingest-tokens", ["GET", "POST"]],
  ["/api/v1/region/ingest-tokens/[id]", ["DELETE"]],
  ["/api/v1/region/lawful-access-requests", ["GET", "POST"]],
  ["/api/v1/region/lawful-access-requests/[id]", ["GET", "PATCH"]],
  ["/api/v1/region/lawful-access-requests/[id]/close", ["POST"]],
  ["/api/v1/region/review-slas", ["GET", "PUT"]],
  ["/api/v1/region/review-views", ["GET", "POST"]],
  ["/api/v1/region/review-views/[id]", ["DELETE"]],
  ["/api/v1/region/reviews", ["GET"]],
  ["/api/v1/region/reviews/[id]", ["GET"]],
  ["/api/v1/region/reviews/[id]/assign", ["POST"]],
  ["/api/v1/region/reviews/[id]/resolve", ["POST"]],
  ["/api/v1/region/reviews/bulk", ["POST"]],
  ["/api/v1/region/subprocessor-changes/[id]", ["GET"]],
  ["/api/v1/region/subprocessor-changes/[id]/approve", ["POST"]],
  ["/api/v1/region/subprocessor-changes/[id]/reject", ["POST"]],
  ["/api/v1/region/subprocessor-changes/[id]/withdraw", ["POST"]],
  ["/api/v1/region/subprocessor-objections", ["GET"]],
  ["/api/v1/region/subprocessor-objections/[id]/resolve", ["POST"]],
  ["/api/v1/region/subprocessor-settings", ["GET", "PUT"]],
  ["/api/v1/region/subprocessors", ["GET", "POST"]],
  ["/api/v1/region/tenants", ["GET"]],
  ["/api/v1/region/transparency-reports", ["POST"]],
  ["/api/v1/regions", ["GET"]],
  ["/api/v1/residency-probes", ["POST"]],
  ["/api/v1/residency-probes/[probe]", ["GET"]],
  ["/api/v1/schemas/attestation/residency/v1", ["GET"]],
  ["/api/v1/subprocessors", ["GET"]],
  ["/api/v1/subprocessors/snapshots", ["GET"]],
  ["/api/v1/subprocessors/snapshots/[seq]", ["GET"]],
  ["/api/v1/subprocessors/subscriptions", ["POST"]],
  ["/api/v1/subprocessors/subscriptions/confirm", ["GET", "POST"]],
  ["/api/v1/subprocessors/subscriptions/unsubscribe", ["GET", "POST"]],
  ["/api/v1/support-access/authorize", ["POST"]],
  ["/api/v1/tenants", ["GET"]],
  ["/api/v1/tenants/[tenant]", ["GET"]],
  ["/api/v1/tenants/[tenant]/attestations", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/attestations/[attestation]", ["GET"]],
  ["/api/v1/tenants/[tenant]/attestations/[attestation]/pdf", ["GET"]],
  ["/api/v1/tenants/[tenant]/attestations/[attestation]/review", ["POST"]],
  ["/api/v1/tenants/[tenant]/attestations/index", ["GET"]],
  ["/api/v1/tenants/[tenant]/audit", ["GET"]],
  ["/api/v1/tenants/[tenant]/auditors", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/auditors/[auditor]", ["DELETE"]],
  ["/api/v1/tenants/[tenant]/auditors/[auditor]/scope-requests/[request]", ["POST"]],
  ["/api/v1/tenants/[tenant]/audit/[entry]/proof", ["GET"]],
  ["/api/v1/tenants/[tenant]/contacts", ["GET"]],
  ["/api/v1/tenants/[tenant]/data-classes", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/decisions", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/decisions/[decision]", ["GET", "PATCH"]],
  ["/api/v1/tenants/[tenant]/decisions/[decision]/accept", ["POST"]],
  ["/api/v1/tenants/[tenant]/decisions/[decision]/approve", ["POST"]],
  ["/api/v1/tenants/[tenant]/decisions/[decision]/reject", ["POST"]],
  ["/api/v1/tenants/[tenant]/decisions/[decision]/reject-review", ["POST"]],
  ["/api/v1/tenants/[tenant]/decisions/[decision]/submit", ["POST"]],
  ["/api/v1/tenants/[tenant]/decisions/[decision]/withdraw", ["POST"]],
  ["/api/v1/tenants/[tenant]/decisions/matrix", ["GET"]],
  ["/api/v1/tenants/[tenant]/decisions/policy", ["GET"]],
  ["/api/v1/tenants/[tenant]/drill-consent", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/drill-consent/revoke", ["POST"]],
  ["/api/v1/tenants/[tenant]/drill-schedules", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/drill-schedules/[kind]", ["DELETE"]],
  ["/api/v1/tenants/[tenant]/drills", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/drills/[id]", ["GET"]],
  ["/api/v1/tenants/[tenant]/drills/[id]/report", ["GET"]],
  ["/api/v1/tenants/[tenant]/engagement/scope-requests", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/evidence", ["GET"]],
  ["/api/v1/tenants/[tenant]/evidence-activity", ["GET"]],
  ["/api/v1/tenants/[tenant]/governance", ["GET"]],
  ["/api/v1/tenants/[tenant]/keys", ["GET"]],
  ["/api/v1/tenants/[tenant]/keys/[key]", ["PATCH"]],
  ["/api/v1/tenants/[tenant]/keys/[key]/cancel-deletion", ["POST"]],
  ["/api/v1/tenants/[tenant]/keys/[key]/disable", ["POST"]],
  ["/api/v1/tenants/[tenant]/keys/[key]/enable", ["POST"]],
  ["/api/v1/tenants/[tenant]/keys/[key]/events", ["GET"]],
  ["/api/v1/tenants/[tenant]/keys/[key]/receipts", ["GET"]],
  ["/api/v1/tenants/[tenant]/keys/[key]/rotate", ["POST"]],
  ["/api/v1/tenants/[tenant]/keys/[key]/schedule-deletion", ["POST"]],
  ["/api/v1/tenants/[tenant]/lawful-access-requests", ["GET"]],
  ["/api/v1/tenants/[tenant]/lineage", ["GET"]],
  ["/api/v1/tenants/[tenant]/nda", ["GET", "PUT"]],
  ["/api/v1/tenants/[tenant]/nda/accept", ["POST"]],
  ["/api/v1/tenants/[tenant]/reviews", ["GET"]],
  ["/api/v1/tenants/[tenant]/subprocessor-objections", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/subprocessors", ["GET"]],
  ["/api/v1/tenants/[tenant]/support-access/accesses", ["GET"]],
  ["/api/v1/tenants/[tenant]/support-access/break-glass", ["POST"]],
  ["/api/v1/tenants/[tenant]/support-access/grants", ["GET"]],
  ["/api/v1/tenants/[tenant]/support-access/grants/[grant]/revoke", ["POST"]],
  ["/api/v1/tenants/[tenant]/support-access/grants/[grant]/token", ["POST"]],
  ["/api/v1/tenants/[tenant]/support-access/policy", ["GET", "PUT"]],
  ["/api/v1/tenants/[tenant]/support-access/requests", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/support-access/requests/[request]", ["GET"]],
  ["/api/v1/tenants/[tenant]/support-access/requests/[request]/approve", ["POST"]],
  ["/api/v1/tenants/[tenant]/support-access/requests/[request]/confirm", ["POST"]],
  ["/api/v1/tenants/[tenant]/support-access/requests/[request]/deny", ["POST"]],
  ["/api/v1/tenants/[tenant]/support-access/requests/[request]/extend", ["POST"]],
  ["/api/v1/tenants/[tenant]/support-access/requests/[request]/review", ["POST"]],
  ["/api/v1/tenants/[tenant]/support-access/requests/[request]/withdraw", ["POST"]],
  ["/api/v1/tenants/[tenant]/webhooks", ["GET", "POST"]],
  ["/api/v1/tenants/[tenant]/webhooks/[id]/deliveries", ["GET"]],
  ["/api/v1/tenants/[tenant]/webhooks/[id]/disable", ["POST"]],
  ["/api/v1/tenants/[tenant]/webhooks/[id]/enable", ["POST"]],
  ["/api/v1/tenants/[tenant]/webhooks/[id]/test", ["POST"]],
  ["/api/v1/transparency-reports", ["GET"]],
  ["/api/v1/transparency-reports/[report]", ["GET"]],
  ["/api/v1/trust", ["GET"]],
  ["/api/v1/users/[user]/tokens", ["GET", "POST"]],
  ["/api/v1/users/[user]/tokens/[token]", ["DELETE"]],
  // Served outside /api, but answered like it by proxy.ts (a feed is data, not a page).
  ["/subprocessors.atom", ["GET"]],
];

interface CompiledRoute {
  pattern: string;
  segments: string[];
  methods: readonly string[];
}

const COMPILED: CompiledRoute[] = API_ROUTE_METHODS.map(([pattern, methods]) => ({
  pattern,
  segments: pattern.split("/").slice(1),
  methods,
}));

const isDynamic = (segment: string) => segment.startsWith("[");

/** Does `parts` (a path split on "/") fit the route, and how: "s" per static segment, "d" per dynamic one. */
function fit(route: CompiledRoute, parts: string[]): string | null {
  let shape = "";
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    if (segment.startsWith("[...")) return parts.length > i ? `${shape}c` : null;
    const part = parts[i];
    if (part === undefined || part === "") return null;
    if (isDynamic(segment)) shape += "d";
    else if (part === segment) shape += "s";
    else return null;
  }
  return parts.length === route.segments.length ? shape : null;
}

/**
 * The route Next would serve `pathname` with (static segments win over dynamic ones, as in
 * Next), or null for a path no API route serves (the catch-all answers those with a 404).
 */
export function apiRouteFor(pathname: string): { pattern: string; methods: readonly string[] } | null {
  const parts = pathname.replace(/\/$/, "").split("/").slice(1);
  let best: { route: CompiledRoute; shape: string } | null = null;
  for (const route of COMPILED) {
    const shape = fit(route, parts);
    // "s" > "d" > "c": the most specific route in Next's order.
    if (shape !== null && (!best || shape.replace(/c/g, "a") > best.shape.replace(/c/g, "a"))) best = { route, shape };
  }
  return best ? { pattern: best.route.pattern, methods: best.route.methods } : null;
}

/** What a route answers besides its own methods: HEAD wherever GET is, OPTIONS everywhere (Next implements both). */
export function allowedMethods(methods: readonly string[]): string[] {
  return [...new Set([...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"])];
}
