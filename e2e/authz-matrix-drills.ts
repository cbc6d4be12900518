/**
 * Authorization matrix rows: a tenant's residency drills (drills.read, drills.start,
 * drills.consent.manage in drills.cedar), the region's drills (region.drills.read), and the
 * public residency probe other regions answer. Writes are chosen so the shared e2e world keeps
 * its state: a consent that would end in the past and a schedule that would start in the past
 * are refused after authorization (400 for whoever may), removing a schedule never set is the
 * admin's 404 (compliance officers, without consent on northwind-eu, are refused first), a start for a tenant homed elsewhere is 421 before any role is looked at, and the probe's
 * envelope is malformed.
 */
import {
  apiEntry as api,
  byRole as row,
  CUSTOMER,
  everyone,
  sameForSignedIn,
  signedIn,
  toSignIn,
  UNKNOWN_ID,
  type ApiEntry,
  type PageEntry,
} from "./authz-matrix-types";
import { tenantPage } from "./authz-matrix-residency";

const T = "/api/v1/tenants/[tenant]";
const NW = "/api/v1/tenants/northwind-eu";
const PAST = "2020-01-01T00:00:00Z";

export const drillApis: ApiEntry[] = [
  api(
    `${T}/drills`,
    "GET",
    `${NW}/drills`,
    "The tenant's drills (drills.read): its admins and viewers and the region's compliance officers.",
    row(200, 200, 403, 200, 403, 403),
  ),
  {
    ...api(
      `${T}/drills`,
      "POST",
      "/api/v1/tenants/northwind-gcc/drills",
      "A drill for a tenant homed in me-central-1: 421 with the home instance's URL, nothing started.",
      signedIn(421, 401),
      { kind: "wrong_region" },
    ),
    location: sameForSignedIn("{url:me-central-1}/api/v1/tenants/northwind-gcc/drills"),
  },
  api(
    `${T}/drills/[id]`,
    "GET",
    `${NW}/drills/${UNKNOWN_ID}`,
    "One drill (drills.read): an unknown id is 404 for whoever may read drills.",
    row(404, 404, 403, 404, 403, 403),
  ),
  api(
    `${T}/drills/[id]/report`,
    "GET",
    `${NW}/drills/${UNKNOWN_ID}/report`,
    "A drill's signed report (drills.read): an unknown id is 404 for whoever may read drills.",
    row(404, 404, 403, 404, 403, 403),
  ),
  api(
    `${T}/drill-consent`,
    "GET",
    `${NW}/drill-consent`,
    "The customer's consent (drills.read).",
    row(200, 200, 403, 200, 403, 403),
  ),
  api(
    `${T}/drill-consent`,
    "POST",
    `${NW}/drill-consent`,
    "Only customer admins consent (a consent ending in the past is their 400, nothing written).",
    row(400, 403, 403, 403, 403, 403),
    { kinds: ["kms_outage"], expires_at: PAST },
  ),
  api(
    `${T}/drill-consent/revoke`,
    "POST",
    `${NW}/drill-consent/revoke`,
    "Only customer admins withdraw the consent (none in force in the e2e world: their 409).",
    row(409, 403, 403, 403, 403, 403),
  ),
  api(
    `${T}/drill-schedules`,
    "GET",
    `${NW}/drill-schedules`,
    "The tenant's recurring drills (drills.read).",
    row(200, 200, 403, 200, 403, 403),
  ),
  api(
    `${T}/drill-schedules`,
    "POST",
    `${NW}/drill-schedules`,
    "Whoever may start a drill of the kind schedules it: customer admins, compliance officers only under the customer's consent (none on northwind-eu in the e2e world: their 403 consent_required; a first run in the past is the admin's 400).",
    row(400, 403, 403, 403, 403, 403),
    { kind: "wrong_region", every_days: 91, first_run_at: PAST },
  ),
  api(
    `${T}/drill-schedules/[kind]`,
    "DELETE",
    `${NW}/drill-schedules/wrong_region`,
    "Whoever may set a schedule of the kind removes it: customer admins (none of that kind is set in the e2e world: 404 schedule_not_found, nothing changed); compliance officers only under the customer's consent (none: 403 consent_required).",
    row(404, 403, 403, 403, 403, 403),
  ),
  api(
    "/api/v1/region/drills",
    "GET",
    "/api/v1/region/drills",
    "The region's drills across tenants (region.drills.read): compliance officers.",
    row(403, 403, 403, 200, 403, 403),
  ),
  api(
    "/api/v1/residency-probes",
    "POST",
    "/api/v1/residency-probes",
    "Public: another region's signed probe; a malformed envelope is 400 for anyone, nothing recorded.",
    everyone(400),
    { envelope: {} },
  ),
  api(
    "/api/v1/residency-probes/[probe]",
    "GET",
    `/api/v1/residency-probes/${UNKNOWN_ID}`,
    "Public: how this region recorded a probe; an unknown probe is 404 for anyone.",
    everyone(404),
  ),
];

export const drillPages: PageEntry[] = [
  ...tenantPage(
    "governance/drills",
    "Drills (drills.read): the tenant's admins and viewers and compliance officers; auditors, support engineers and provider admins are refused.",
    signedIn(200, 307, { auditor: 403, support_engineer: 403, provider_admin: 403 }),
  ),
  {
    kind: "page",
    path: "/region/drills",
    method: "GET",
    concrete: "/region/drills",
    note: "The region's drills (region.drills.read): compliance officers; everyone else signed in is refused.",
    expect: signedIn(200, 307, { ...CUSTOMER(403), support_engineer: 403, provider_admin: 403 }),
    location: { anonymous: toSignIn("/region/drills") },
  },
];
