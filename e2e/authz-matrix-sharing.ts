/**
 * Authorization matrix rows: data classes and sharing decisions (data_classes.*, decisions.*
 * in platform/policy/policies/sharing.cedar and tenant.cedar). Writes are refusals, conflicts or
 * unknown ids only, so the shared e2e world is left as other specs expect.
 */
import { byRole as row, everyone, sameForSignedIn, signedIn, type ApiEntry } from "./authz-matrix-types";

const U = "00000000-0000-4000-a000-000000000000";
const NW = "/api/v1/tenants/northwind-eu";
/** A decision of northwind-eu that the demo seed puts in force (stable id). */
const SEEDED = "f0c0d98b-c602-4687-a162-dbddd9905539";
/** A decision of kestrel-eu (stable id): another organisation's. */
const KESTREL = "47c84987-5dbd-4f2f-ac0c-bf609be5ef2f";

const existingDecision = {
  data_class: "customer_pii",
  destination: { kind: "region", id: "us-east-1" },
  outcome: "deny",
  effective_from: "2026-01-01T00:00:00Z",
};

export const sharingApis: ApiEntry[] = [
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/data-classes",
    method: "GET",
    concrete: `${NW}/data-classes`,
    note: "The tenant's data classes and keys: members, auditors and compliance officers read them.",
    expect: row(200, 200, 200, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/data-classes",
    method: "GET",
    concrete: "/api/v1/tenants/kestrel-eu/data-classes",
    note: "Another organisation's data classes: not found for Northwind's people.",
    expect: row(404, 404, 404, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/data-classes",
    method: "POST",
    concrete: `${NW}/data-classes`,
    body: { key: "customer_pii", name: "x", sensitivity: "public" },
    note: "Adding a class is for the customer admin and compliance officers: an existing key is a conflict, nothing created.",
    expect: row(409, 403, 403, 409, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/data-classes",
    method: "POST",
    concrete: `${NW}/data-classes`,
    body: { key: "Bad" },
    note: "A malformed class is 400 for anyone authenticated.",
    expect: row(400, 400, 400, 400, 400, 400),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions",
    method: "GET",
    concrete: `${NW}/decisions`,
    note: "Sharing decisions: members and compliance officers read them; auditors and other staff do not.",
    expect: row(200, 200, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions",
    method: "GET",
    concrete: `${NW}/decisions?format=csv`,
    note: "The same as CSV.",
    expect: row(200, 200, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions",
    method: "POST",
    concrete: `${NW}/decisions`,
    body: existingDecision,
    note: "Drafting is for the customer admin and compliance officers; a second decision for the same class and destination is a conflict.",
    expect: row(409, 403, 403, 409, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/matrix",
    method: "GET",
    concrete: `${NW}/decisions/matrix`,
    note: "The matrix of data classes × destinations.",
    expect: row(200, 200, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/policy",
    method: "GET",
    concrete: `${NW}/decisions/policy`,
    note: "The Cedar policy the decisions in force compile to: the customer can read it.",
    expect: row(200, 200, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/[decision]",
    method: "GET",
    concrete: `${NW}/decisions/${SEEDED}`,
    note: "One decision with its versions and diffs.",
    expect: row(200, 200, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/[decision]",
    method: "GET",
    concrete: `${NW}/decisions/${KESTREL}`,
    note: "A decision of another tenant is not found under this one, whoever asks.",
    expect: row(404, 404, 403, 404, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/[decision]",
    method: "PATCH",
    concrete: `${NW}/decisions/${U}`,
    body: { notes: "x" },
    note: "Editing a draft: customer admin and compliance officers reach the lookup.",
    expect: row(404, 403, 403, 404, 403, 403),
  },
  ...(["submit", "withdraw"] as const).map((step): ApiEntry => ({
    kind: "api",
    path: `/api/v1/tenants/[tenant]/decisions/[decision]/${step}`,
    method: "POST",
    concrete: `${NW}/decisions/${U}/${step}`,
    note: `${step}: by whoever may draft.`,
    expect: row(404, 403, 403, 404, 403, 403),
  })),
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/[decision]/approve",
    method: "POST",
    concrete: `${NW}/decisions/${U}/approve`,
    note: "Review is for compliance officers only (and never the author: four eyes).",
    expect: row(403, 403, 403, 404, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/[decision]/reject-review",
    method: "POST",
    concrete: `${NW}/decisions/${U}/reject-review`,
    body: { reason: "x" },
    note: "Rejecting in review: compliance officers only.",
    expect: row(403, 403, 403, 404, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/[decision]/accept",
    method: "POST",
    concrete: `${NW}/decisions/${U}/accept`,
    note: "Acceptance is the tenant's customer admin's alone.",
    expect: row(404, 403, 403, 403, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/decisions/[decision]/reject",
    method: "POST",
    concrete: `${NW}/decisions/${U}/reject`,
    body: { reason: "x" },
    note: "Rejecting a reviewed decision: the customer admin.",
    expect: row(404, 403, 403, 403, 403, 403),
  },
];

/** Lineage (lineage.read: the tenant's admins and viewers, and compliance officers) and OpenLineage ingest. */
export const lineageApis: ApiEntry[] = [
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/lineage",
    method: "GET",
    concrete: `${NW}/lineage`,
    note: "The lineage graph: members and compliance officers; auditors see no lineage internals.",
    expect: row(200, 200, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/lineage",
    method: "GET",
    concrete: "/api/v1/tenants/kestrel-eu/lineage",
    note: "Another organisation's lineage: not found for Northwind's people.",
    expect: row(404, 404, 404, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/lineage",
    method: "GET",
    concrete: "/api/v1/tenants/northwind-gcc/lineage",
    note: "The GCC tenant's lineage lives in me-central-1: 421 with its home URL, nothing read.",
    expect: signedIn(421, 401),
    location: sameForSignedIn("{url:me-central-1}/api/v1/tenants/northwind-gcc/lineage"),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/lineage",
    method: "GET",
    concrete: `${NW}/lineage?depth=3`,
    note: "A depth without a focus is 400 for anyone authenticated.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/lineage",
    method: "GET",
    concrete: `${NW}/lineage?view=summary`,
    note: "The summary (regions, pairs, totals; no nodes): read as the whole graph is.",
    expect: row(200, 200, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: "/api/v1/tenants/[tenant]/lineage",
    method: "GET",
    concrete: `${NW}/lineage?view=summary&focus=00000000-0000-4000-8000-000000000000`,
    note: "A summary has no nodes to focus on: 400 for anyone authenticated.",
    expect: signedIn(400, 401),
  },
  {
    kind: "api",
    path: "/api/v1/ingest/openlineage",
    method: "POST",
    concrete: "/api/v1/ingest/openlineage",
    body: {},
    note: "Lineage comes only from the data plane's region ingest token: no token, a personal API token or a session is 401, before the body is read.",
    expect: everyone(401),
  },
  {
    kind: "api",
    path: "/api/v1/openlineage/facets/[facet]/[version]",
    method: "GET",
    concrete: "/api/v1/openlineage/facets/terrane_residency/1-0-0.json",
    note: "The custom facets' JSON Schemas are public (their _schemaURL).",
    expect: everyone(200),
  },
  {
    kind: "api",
    path: "/api/v1/openlineage/facets/[facet]/[version]",
    method: "GET",
    concrete: "/api/v1/openlineage/facets/terrane_nothing/9-9-9.json",
    note: "An unknown facet or version is 404.",
    expect: everyone(404),
  },
];
