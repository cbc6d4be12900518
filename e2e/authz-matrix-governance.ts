/**
 * Authorization matrix rows: governance metrics. A tenant's figures (governance.read): its
 * admins, viewers and auditors (full-evidence engagement, within its periods) and compliance
 * officers; the region's (region.governance.read): compliance officers and provider admins.
 */
import {
  byRole as row,
  CUSTOMER,
  signedIn,
  toSignIn,
  type ApiEntry,
  type PageEntry,
  apiEntry,
} from "./authz-matrix-types";
import { tenantPage } from "./authz-matrix-residency";

const api = apiEntry;

export const governanceApis: ApiEntry[] = [
  api(
    "/api/v1/tenants/[tenant]/governance",
    "GET",
    "/api/v1/tenants/northwind-eu/governance",
    "The tenant's metrics (governance.read): its admins, viewers and auditors, compliance officers; support engineers and provider admins are refused.",
    row(200, 200, 200, 200, 403, 403),
  ),
  api(
    "/api/v1/region/governance",
    "GET",
    "/api/v1/region/governance",
    "The region's metrics (region.governance.read): compliance officers and provider admins.",
    row(403, 403, 403, 200, 403, 200),
  ),
];

export const governancePages: PageEntry[] = [
  ...tenantPage(
    "governance",
    "Governance metrics (governance.read): the tenant's people and auditors, compliance officers; support engineers and provider admins are refused by the section's gate.",
    signedIn(200, 307, { support_engineer: 403, provider_admin: 403 }),
  ),
  {
    kind: "page",
    path: "/region/governance",
    method: "GET",
    concrete: "/region/governance",
    note: "The region's governance metrics (region.governance.read): compliance officers and provider admins; support engineers pass the region layout but are refused by the page's gate; customers' people are refused.",
    expect: signedIn(200, 307, { ...CUSTOMER(403), support_engineer: 403 }),
    location: { anonymous: toSignIn("/region/governance") },
  },
];
