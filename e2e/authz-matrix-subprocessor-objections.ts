/**
 * Authorization matrix rows: a tenant's impact view of the subprocessor register and its
 * objections (subprocessors.read, subprocessors.object), and the region's objection queue
 * (region.subprocessors.read to read, region.subprocessor_objections.resolve to resolve). Writes
 * aim at unknown ids, so the shared e2e world keeps its register and objections.
 */
import {
  byRole as row,
  CUSTOMER,
  signedIn,
  toSignIn,
  UNKNOWN_ID,
  type ApiEntry,
  type PageEntry,
  apiEntry,
} from "./authz-matrix-types";
import { tenantPage } from "./authz-matrix-residency";

const api = apiEntry;

const T = "/api/v1/tenants/[tenant]";
const NW = "/api/v1/tenants/northwind-eu";

export const subprocessorObjectionApis: ApiEntry[] = [
  api(
    `${T}/subprocessors`,
    "GET",
    `${NW}/subprocessors`,
    "The tenant's impact view (subprocessors.read): its people and auditors, compliance officers and provider admins; support engineers have no role here.",
    row(200, 200, 200, 200, 403, 200),
  ),
  api(
    `${T}/subprocessor-objections`,
    "GET",
    `${NW}/subprocessor-objections`,
    "The tenant's objections: whoever reads its impact view.",
    row(200, 200, 200, 200, 403, 200),
  ),
  api(
    `${T}/subprocessor-objections`,
    "POST",
    `${NW}/subprocessor-objections`,
    "Only customer admins object (an unknown change is their 404, nothing written).",
    row(404, 403, 403, 403, 403, 403),
    { change_id: UNKNOWN_ID, reason: "authz matrix" },
  ),
  api(
    "/api/v1/region/subprocessor-objections",
    "GET",
    "/api/v1/region/subprocessor-objections",
    "The region's objection queue (region.subprocessors.read): compliance officers and provider admins.",
    row(403, 403, 403, 200, 403, 200),
  ),
  api(
    "/api/v1/region/subprocessor-objections/[id]/resolve",
    "POST",
    `/api/v1/region/subprocessor-objections/${UNKNOWN_ID}/resolve`,
    "Only compliance officers resolve (an unknown objection is their 404).",
    row(403, 403, 403, 404, 403, 403),
    { outcome: "accepted_after_explanation", resolution: "authz matrix" },
  ),
];

export const subprocessorObjectionPages: PageEntry[] = [
  ...tenantPage(
    "subprocessors",
    "Subprocessors (subprocessors.read): the tenant's people and auditors, compliance officers and provider admins; support engineers are refused by the section's gate.",
    signedIn(200, 307, { support_engineer: 403 }),
  ),
  {
    kind: "page",
    path: "/region/subprocessor-objections",
    method: "GET",
    concrete: "/region/subprocessor-objections",
    note: "The objection queue (region.subprocessors.read): compliance officers resolve, provider admins read; support engineers pass the region layout but are refused by the page's gate; customers' people are refused.",
    expect: signedIn(200, 307, { ...CUSTOMER(403), support_engineer: 403 }),
    location: { anonymous: toSignIn("/region/subprocessor-objections") },
  },
];
