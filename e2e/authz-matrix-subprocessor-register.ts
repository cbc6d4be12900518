/**
 * Authorization matrix rows: the staff side of the subprocessor register
 * (platform/policy/policies/subprocessors.cedar). Provider admins propose and set the notice,
 * compliance officers review. Writes are refused or aim at unknown ids, so the shared e2e world
 * keeps the register e2e/subprocessors.spec.ts and e2e/trust.spec.ts expect.
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

const api = apiEntry;

const R = "/api/v1/region";
const C = `${R}/subprocessor-changes`;

/** Valid by the schema, refused after authorization: no catalogue has this data class. */
const unknownClass = {
  name: "Authz Matrix Ltd",
  legal_entity: "Authz Matrix Ltd",
  service: "Nothing",
  purpose: "authz matrix",
  data_classes: ["no_such_class"],
  locations: ["DE"],
  transfer_mechanism: "none_needed",
};

export const subprocessorRegisterApis: ApiEntry[] = [
  api(
    `${R}/subprocessors`,
    "GET",
    `${R}/subprocessors`,
    "The register with its pending changes (region.subprocessors.read): provider admins and compliance officers.",
    row(403, 403, 403, 200, 403, 200),
  ),
  api(
    `${R}/subprocessors`,
    "POST",
    `${R}/subprocessors`,
    "Only provider admins propose (an unknown data class is their 400, nothing written).",
    row(403, 403, 403, 403, 403, 400),
    unknownClass,
  ),
  api(
    `${C}/[id]`,
    "GET",
    `${C}/${UNKNOWN_ID}`,
    "One change: its readers get 404 for an unknown id.",
    row(403, 403, 403, 404, 403, 404),
  ),
  api(
    `${C}/[id]/approve`,
    "POST",
    `${C}/${UNKNOWN_ID}/approve`,
    "Only compliance officers approve (an unknown change is their 404).",
    row(403, 403, 403, 404, 403, 403),
    {},
  ),
  api(
    `${C}/[id]/reject`,
    "POST",
    `${C}/${UNKNOWN_ID}/reject`,
    "Only compliance officers reject (an unknown change is their 404).",
    row(403, 403, 403, 404, 403, 403),
    { note: "authz matrix" },
  ),
  api(
    `${C}/[id]/withdraw`,
    "POST",
    `${C}/${UNKNOWN_ID}/withdraw`,
    "Only provider admins withdraw (an unknown change is their 404).",
    row(403, 403, 403, 403, 403, 404),
    {},
  ),
  api(
    `${R}/subprocessor-settings`,
    "GET",
    `${R}/subprocessor-settings`,
    "The notice settings: whoever reads the register.",
    row(403, 403, 403, 200, 403, 200),
  ),
  api(
    `${R}/subprocessor-settings`,
    "PUT",
    `${R}/subprocessor-settings`,
    "Only provider admins set the notice (the defaults again: the e2e world keeps 30 days).",
    row(403, 403, 403, 403, 403, 200),
    { notice_days: 30, objection_days: 30 },
  ),
];

export const subprocessorRegisterPages: PageEntry[] = [
  {
    kind: "page",
    path: "/region/subprocessors",
    method: "GET",
    concrete: "/region/subprocessors",
    note: "The register page (region.subprocessors.read): provider admins and compliance officers; support engineers pass the region layout but are refused by the page's gate; customers' people are refused.",
    expect: signedIn(200, 307, { ...CUSTOMER(403), support_engineer: 403 }),
    location: { anonymous: toSignIn("/region/subprocessors") },
  },
];
