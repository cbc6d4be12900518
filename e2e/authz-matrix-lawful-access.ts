/**
 * Authorization matrix rows: the lawful-access register and transparency reports
 * (platform/policy/policies/lawful-access.cedar). Only compliance officers reach the register and
 * issue reports; a tenant's admins (and compliance officers) read the entries about the tenant;
 * the reports are public. Writes are refused or aim at unknown ids or a period not yet over, so
 * the shared e2e world keeps what e2e/lawful-access.spec.ts expects.
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

const api = apiEntry;
const L = "/api/v1/region/lawful-access-requests";

/** Valid by the schema, refused after authorization: no such tenant in the region. */
const unknownTenant = {
  authority: "Authz Matrix Authority",
  jurisdiction: "DE",
  legal_instrument: "authz matrix",
  kind: "other",
  data_classes: [],
  tenants: ["no-such-tenant"],
  received_at: "2026-01-01T00:00:00Z",
  notification: { state: "not_yet_notified" },
};

export const lawfulAccessApis: ApiEntry[] = [
  api(
    L,
    "GET",
    L,
    "The register (region.lawful_access.read): compliance officers only.",
    row(403, 403, 403, 200, 403, 403),
  ),
  api(
    L,
    "POST",
    L,
    "Only compliance officers record (an unknown tenant is their 400, nothing written).",
    row(403, 403, 403, 400, 403, 403),
    unknownTenant,
  ),
  api(
    `${L}/[id]`,
    "GET",
    `${L}/${UNKNOWN_ID}`,
    "One request: 404 for compliance officers.",
    row(403, 403, 403, 404, 403, 403),
  ),
  api(
    `${L}/[id]`,
    "PATCH",
    `${L}/${UNKNOWN_ID}`,
    "Only compliance officers edit (an unknown request is their 404).",
    row(403, 403, 403, 404, 403, 403),
    { authority: "authz matrix" },
  ),
  api(
    `${L}/[id]/close`,
    "POST",
    `${L}/${UNKNOWN_ID}/close`,
    "Only compliance officers close (an unknown request is their 404; four eyes is tests/lawful-access).",
    row(403, 403, 403, 404, 403, 403),
    { disposition: "rejected", rationale: "authz matrix" },
  ),
  api(
    "/api/v1/tenants/[tenant]/lawful-access-requests",
    "GET",
    "/api/v1/tenants/northwind-eu/lawful-access-requests",
    "The requests about the tenant (lawful_access.read): its admins and compliance officers; viewers, auditors, support engineers and provider admins are refused.",
    row(200, 403, 403, 200, 403, 403),
  ),
  api(
    "/api/v1/region/transparency-reports",
    "POST",
    "/api/v1/region/transparency-reports",
    "Only compliance officers issue reports (a period not yet over is their 400, nothing written).",
    row(403, 403, 403, 400, 403, 403),
    { period: "2099-H1" },
  ),
  api(
    "/api/v1/transparency-reports",
    "GET",
    "/api/v1/transparency-reports",
    "Public: the signed reports, for everyone.",
    everyone(200),
  ),
  api(
    "/api/v1/transparency-reports/[report]",
    "GET",
    "/api/v1/transparency-reports/2099-H1",
    "Public: a period with no report is a 404 for everyone.",
    everyone(404),
  ),
];

export const lawfulAccessPages: PageEntry[] = [
  ...tenantPage(
    "governance/lawful-access",
    "The tenant's lawful-access entries (lawful_access.read): its admins and compliance officers; viewers and auditors are refused by the page's gate, support engineers and provider admins by the section's.",
    signedIn(200, 307, { customer_viewer: 403, auditor: 403, support_engineer: 403, provider_admin: 403 }),
  ),
  {
    kind: "page",
    path: "/region/lawful-access",
    method: "GET",
    concrete: "/region/lawful-access",
    note: "The register page (region.lawful_access.read): compliance officers; support engineers and provider admins pass the region layout but are refused by the page's gate; customers' people are refused.",
    expect: signedIn(200, 307, { ...CUSTOMER(403), support_engineer: 403, provider_admin: 403 }),
    location: { anonymous: toSignIn("/region/lawful-access") },
  },
];
