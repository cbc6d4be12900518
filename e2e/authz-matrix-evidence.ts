/**
 * Authorization matrix rows: auditor engagements, the NDA and who viewed what (evidence.cedar),
 * evidence packages (the Evidence page, and the download asked for a period that has not ended, so
 * nothing is built or recorded), and the attestation PDF. Every write here changes nothing in the
 * shared e2e world: the invite asks for an expiry too far away (400 after the policy lets the caller
 * through), the NDA is set to the text already in force (no new version), the auditor, who
 * accepted version 1 in the seed, sends a digest that is not the text in force (409) and asks for
 * less access than the engagement has (400), and a decision names an unknown request (404).
 */
import { defaultNdaText } from "../modules/evidence/domain/nda";
import { byRole as row, signedIn, UNKNOWN_ID, type ApiEntry, type PageEntry } from "./authz-matrix-types";
import { tenantPage } from "./authz-matrix-residency";

const T = "/api/v1/tenants/[tenant]";
const NW = "/api/v1/tenants/northwind-eu";

export const evidenceApis: ApiEntry[] = [
  {
    kind: "api",
    path: `${T}/auditors`,
    method: "GET",
    concrete: `${NW}/auditors`,
    note: "Customer admins and compliance officers see the tenant's auditors; nobody else.",
    expect: row(200, 403, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: `${T}/auditors`,
    method: "POST",
    concrete: `${NW}/auditors`,
    note: "Customer admins and compliance officers invite (an expiry beyond 90 days is their 400, nothing created); nobody else.",
    expect: row(400, 403, 403, 400, 403, 403),
    body: {
      email: "matrix.auditor@audit.example",
      expires_at: "2999-01-01T00:00:00Z",
      scope: { access: "evidence", from: "2026-01-01", to: "2027-01-01" },
    },
  },
  {
    kind: "api",
    path: `${T}/auditors/[auditor]`,
    method: "DELETE",
    concrete: `${NW}/auditors/${UNKNOWN_ID}`,
    note: "Those who manage auditors get 404 for an unknown engagement; the rest 403.",
    expect: row(404, 403, 403, 404, 403, 403),
  },
  {
    kind: "api",
    path: `${T}/auditors/[auditor]/scope-requests/[request]`,
    method: "POST",
    concrete: `${NW}/auditors/${UNKNOWN_ID}/scope-requests/${UNKNOWN_ID}`,
    note: "Those who manage auditors decide an auditor's request for more access (404 for an unknown one); the auditor never decides, nor does anyone else (403).",
    expect: row(404, 403, 403, 404, 403, 403),
    body: { decision: "approve" },
  },
  {
    kind: "api",
    path: `${T}/engagement/scope-requests`,
    method: "GET",
    concrete: `${NW}/engagement/scope-requests`,
    note: "An auditor lists their own requests for more access; nobody else has an engagement (403).",
    expect: row(403, 403, 200, 403, 403, 403),
  },
  {
    kind: "api",
    path: `${T}/engagement/scope-requests`,
    method: "POST",
    concrete: `${NW}/engagement/scope-requests`,
    note: "Only an auditor with the NDA accepted asks for more access (here less than the engagement has: their 400 scope_not_wider, nothing recorded); everyone else 403.",
    expect: row(403, 403, 400, 403, 403, 403),
    body: {
      access: "attestations",
      from: "2026-01-01",
      to: "2026-02-01",
      reason: "Authorization matrix: a request for less than the engagement has.",
    },
  },
  {
    kind: "api",
    path: `${T}/nda`,
    method: "GET",
    concrete: `${NW}/nda`,
    note: "The NDA is read by the auditors who accept it and by those who manage auditors.",
    expect: row(200, 403, 200, 200, 403, 403),
  },
  {
    kind: "api",
    path: `${T}/nda`,
    method: "PUT",
    concrete: `${NW}/nda`,
    note: "Customer admins and compliance officers set the NDA (here the text in force: no new version).",
    expect: row(200, 403, 403, 200, 403, 403),
    body: { text: defaultNdaText("Northwind Logistics EU") },
  },
  {
    kind: "api",
    path: `${T}/nda/accept`,
    method: "POST",
    concrete: `${NW}/nda/accept`,
    note: "Only an auditor accepts the NDA (a digest that is not the text in force is their 409).",
    expect: row(403, 403, 409, 403, 403, 403),
    body: { sha256: "0".repeat(64) },
  },
  {
    kind: "api",
    path: `${T}/evidence`,
    method: "GET",
    concrete: `${NW}/evidence?from=2026-01-01&to=2999-01-01`,
    note: "Those who may download evidence packages (the tenant's admins and viewers, its auditor with full evidence and the NDA accepted) get their 400 for a period that has not ended: nothing built, nothing recorded; everyone else 403.",
    expect: row(400, 400, 400, 403, 403, 403),
  },
  {
    kind: "api",
    path: `${T}/evidence-activity`,
    method: "GET",
    concrete: `${NW}/evidence-activity`,
    note: "Who viewed and downloaded what: customer admins and compliance officers.",
    expect: row(200, 403, 403, 200, 403, 403),
  },
  {
    kind: "api",
    path: `${T}/attestations/index`,
    method: "GET",
    concrete: `${NW}/attestations/index?version=999999`,
    note: "Readers of the tenant's attestations read its signed index (404 for a version that does not exist); the rest 403.",
    expect: row(404, 404, 404, 404, 403, 403),
  },
  {
    kind: "api",
    path: `${T}/attestations/[attestation]/review`,
    method: "POST",
    concrete: `${NW}/attestations/${UNKNOWN_ID}/review`,
    note: "Only region compliance officers review quarterly drafts (404 for an unknown one); everyone else 403.",
    expect: row(403, 403, 403, 404, 403, 403),
    body: { decision: "publish", note: "checked in the matrix" },
  },
  {
    kind: "api",
    path: `${T}/attestations/[attestation]/pdf`,
    method: "GET",
    concrete: `${NW}/attestations/${UNKNOWN_ID}/pdf`,
    note: "Readers of the tenant's attestations get 404 for an unknown one; the rest 403.",
    expect: row(404, 404, 404, 404, 403, 403),
  },
];

export const evidencePages: PageEntry[] = [
  ...tenantPage(
    "auditors",
    "Auditors (auditors.read): customer admins and compliance officers; everyone else who opens the tenant is refused by the section's gate (403).",
    signedIn(403, 307, { customer_admin: 200, compliance_officer: 200 }),
  ),
  ...tenantPage(
    "evidence",
    "Evidence packages (evidence.download): the tenant's admins, viewers and auditors; provider staff open the tenant but are refused by the section's gate (403).",
    signedIn(200, 307, { compliance_officer: 403, support_engineer: 403, provider_admin: 403 }),
  ),
  ...tenantPage(
    "engagement",
    "An auditor's own engagement and NDA (nda.accept): auditors only.",
    signedIn(403, 307, { auditor: 200 }),
  ),
];
