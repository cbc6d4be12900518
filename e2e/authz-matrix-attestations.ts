/**
 * Authorization matrix rows: residency attestations ("attestations.read" in tenant.cedar,
 * "attestations.issue" in attestations.cedar) and the predicate's public JSON Schema. The issue
 * row asks for a period that has not ended, so the roles allowed to issue get their 400 and
 * nothing is signed in the shared e2e world.
 */
import { byRole as row, everyone, signedIn, UNKNOWN_ID, type ApiEntry, type PageEntry } from "./authz-matrix-types";
import { tenantPage } from "./authz-matrix-residency";

const T = "/api/v1/tenants/[tenant]/attestations";
const NW = "/api/v1/tenants/northwind-eu/attestations";

export const attestationApis: ApiEntry[] = [
  {
    kind: "api",
    path: T,
    method: "GET",
    concrete: NW,
    note: "The tenant's people, its auditors and compliance officers read its attestations; support engineers and provider admins do not.",
    expect: row(200, 200, 200, 200, 403, 403),
  },
  {
    kind: "api",
    path: T,
    method: "POST",
    concrete: NW,
    note: "Customer admins and compliance officers issue (a period not yet ended is their 400, nothing signed); no one else.",
    expect: row(400, 403, 403, 400, 403, 403),
    body: { from: "2026-01-01", to: "2999-01-01" },
  },
  {
    kind: "api",
    path: `${T}/[attestation]`,
    method: "GET",
    concrete: `${NW}/${UNKNOWN_ID}`,
    note: "Readers of the tenant's attestations get 404 for an unknown one; the rest 403.",
    expect: row(404, 404, 404, 404, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/schemas/attestation/residency/v1",
    method: "GET",
    concrete: "/api/v1/schemas/attestation/residency/v1",
    note: "The predicate's JSON Schema is public.",
    expect: everyone(200),
  },
];

/** The tenant's Attestations section. */
export const attestationPages: PageEntry[] = tenantPage(
  "attestations",
  "Attestations (attestations.read): the tenant's admins, viewers and auditors, and compliance officers; support engineers and provider admins open the tenant but are refused by the section's gate (403).",
  signedIn(200, 307, { support_engineer: 403, provider_admin: 403 }),
);
