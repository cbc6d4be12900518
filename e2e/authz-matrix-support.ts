/**
 * Authorization matrix rows: support access (support.* in platform/policy/policies/support.cedar
 * and tenant.cedar) and its two data-plane endpoints. Writes are refusals, unknown ids or input
 * the handler refuses after authorizing (a store of no tenant, an M above the admins there are),
 * so the shared e2e world keeps the requests e2e/support-access.spec.ts expects.
 */
import {
  byRole as row,
  CUSTOMER,
  everyone,
  signedIn,
  toSignIn,
  UNKNOWN_ID,
  type ApiEntry,
  type PageEntry,
  apiEntry,
} from "./authz-matrix-types";
import { tenantPage } from "./authz-matrix-residency";

const SA = "/api/v1/tenants/northwind-eu/support-access";

const badScope = {
  scope: { stores: [UNKNOWN_ID], data_classes: [], access: "read" },
  reason: "production_alert_response",
  detail: "authz matrix",
  duration_minutes: 30,
};

const api = apiEntry;

const T = "/api/v1/tenants/[tenant]/support-access";

export const supportApis: ApiEntry[] = [
  api(
    `${T}/requests`,
    "GET",
    `${SA}/requests`,
    "Requests: the tenant's people and compliance officers see all, support engineers their own, provider admins break-glass ones; auditors nothing.",
    row(200, 200, 403, 200, 200, 200),
  ),
  api(
    `${T}/requests`,
    "POST",
    `${SA}/requests`,
    "Only support engineers ask for access (a store of no tenant is their 400, nothing created).",
    row(403, 403, 403, 403, 400, 403),
    badScope,
  ),
  api(
    `${T}/break-glass`,
    "POST",
    `${SA}/break-glass`,
    "Only support engineers ask for break-glass (refused here on the unknown store).",
    row(403, 403, 403, 403, 400, 403),
    badScope,
  ),
  api(
    `${T}/requests/[request]`,
    "GET",
    `${SA}/requests/${UNKNOWN_ID}`,
    "One request: readers get 404 for an unknown id; auditors 403.",
    row(404, 404, 403, 404, 404, 404),
  ),
  api(
    `${T}/requests/[request]/approve`,
    "POST",
    `${SA}/requests/${UNKNOWN_ID}/approve`,
    "Only customer admins approve.",
    row(404, 403, 403, 403, 403, 403),
    {},
  ),
  api(
    `${T}/requests/[request]/deny`,
    "POST",
    `${SA}/requests/${UNKNOWN_ID}/deny`,
    "Only customer admins deny.",
    row(404, 403, 403, 403, 403, 403),
    {},
  ),
  api(
    `${T}/requests/[request]/withdraw`,
    "POST",
    `${SA}/requests/${UNKNOWN_ID}/withdraw`,
    "Only the requester (a support engineer) withdraws.",
    row(403, 403, 403, 403, 404, 403),
  ),
  api(
    `${T}/requests/[request]/extend`,
    "POST",
    `${SA}/requests/${UNKNOWN_ID}/extend`,
    "Only the requester asks for longer access.",
    row(403, 403, 403, 403, 404, 403),
    { duration_minutes: 30, detail: "authz matrix" },
  ),
  api(
    `${T}/requests/[request]/confirm`,
    "POST",
    `${SA}/requests/${UNKNOWN_ID}/confirm`,
    "A second provider person (compliance officer or provider admin) opens break-glass.",
    row(403, 403, 403, 404, 403, 404),
  ),
  api(
    `${T}/requests/[request]/review`,
    "POST",
    `${SA}/requests/${UNKNOWN_ID}/review`,
    "Compliance officers review break-glass.",
    row(403, 403, 403, 404, 403, 403),
    { rationale: "authz matrix" },
  ),
  api(`${T}/grants`, "GET", `${SA}/grants`, "Grants: as requests.", row(200, 200, 403, 200, 200, 200)),
  api(
    `${T}/grants/[grant]/revoke`,
    "POST",
    `${SA}/grants/${UNKNOWN_ID}/revoke`,
    "Only customer admins revoke.",
    row(404, 403, 403, 403, 403, 403),
    {},
  ),
  api(
    `${T}/grants/[grant]/token`,
    "POST",
    `${SA}/grants/${UNKNOWN_ID}/token`,
    "Only the grant's holder, a support engineer, fetches its token.",
    row(403, 403, 403, 403, 404, 403),
  ),
  api(
    `${T}/policy`,
    "GET",
    `${SA}/policy`,
    "The approval policy: readers of support access.",
    row(200, 200, 403, 200, 200, 200),
  ),
  api(
    `${T}/policy`,
    "PUT",
    `${SA}/policy`,
    "Only customer admins set the policy (five approvals with two admins is their 400, nothing changed).",
    row(400, 403, 403, 403, 403, 403),
    {
      approvals_required: 5,
      request_lifetime_hours: 12,
      max_grant_hours: 8,
      denied_reasons: [],
      allow_read_write: false,
    },
  ),
  api(
    `${T}/accesses`,
    "GET",
    `${SA}/accesses`,
    "The per-access log: the tenant's people and compliance officers.",
    row(200, 200, 403, 200, 403, 403),
  ),
  api(
    "/api/v1/support-access/authorize",
    "POST",
    "/api/v1/support-access/authorize",
    "The access broker's check takes only the region ingest token: anything else is 401 before the body.",
    everyone(401),
    {},
  ),
  api(
    "/api/v1/ingest/access-events",
    "POST",
    "/api/v1/ingest/access-events",
    "Access events come only with the region ingest token.",
    everyone(401),
    {},
  ),
];

/** The pages: the tenant's Support access section and the support engineer's own page. */
export const supportPages: PageEntry[] = [
  ...tenantPage(
    "support",
    "Support access (support.requests.read): the tenant's admins and viewers, compliance officers, support engineers (who see their own requests and the request form; the tenant frame opens for them on this section alone) and provider admins (break-glass requests they may open); auditors open the tenant but are refused by the section's gate (403).",
    signedIn(200, 307, { auditor: 403 }),
  ),
  {
    kind: "page",
    path: "/support",
    method: "GET",
    concrete: "/support",
    note: "My support access (region.support.request): support engineers only; other staff and customers' people are refused by the page's gate (403).",
    expect: signedIn(403, 307, { ...CUSTOMER(403), support_engineer: 200 }),
    location: { anonymous: toSignIn("/support") },
  },
];
