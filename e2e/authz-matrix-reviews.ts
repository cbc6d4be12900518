/**
 * Authorization matrix rows of the review queue (modules/reviews): the region's queue for
 * compliance officers (region.reviews.read, region.reviews.resolve, region.reviews.configure in
 * region.cedar and reviews.cedar) and the items about one tenant (reviews.read). Writes aim at
 * unknown ids or change nothing (an SLA set to its default, a saved view saved again under the
 * same name), so the shared e2e world keeps its queue.
 */
import {
  byRole as row,
  CUSTOMER,
  signedIn,
  toSignIn,
  UNKNOWN_ID,
  type ApiEntry,
  type PageEntry,
  apiEntry as api,
} from "./authz-matrix-types";
import { tenantPage } from "./authz-matrix-residency";

const R = "/api/v1/region";
const ONLY_COMPLIANCE = (ok: number) => row(403, 403, 403, ok, 403, 403);

export const reviewApis: ApiEntry[] = [
  api(
    `${R}/reviews`,
    "GET",
    `${R}/reviews`,
    "The region's queue (region.reviews.read): compliance officers only.",
    ONLY_COMPLIANCE(200),
  ),
  api(
    `${R}/reviews/[id]`,
    "GET",
    `${R}/reviews/${UNKNOWN_ID}`,
    "One item: compliance officers (an unknown item is their 404).",
    ONLY_COMPLIANCE(404),
  ),
  api(
    `${R}/reviews/[id]/assign`,
    "POST",
    `${R}/reviews/${UNKNOWN_ID}/assign`,
    "Only compliance officers assign (an unknown item is their 404, nothing written).",
    ONLY_COMPLIANCE(404),
    { assignee: "me" },
  ),
  api(
    `${R}/reviews/[id]/resolve`,
    "POST",
    `${R}/reviews/${UNKNOWN_ID}/resolve`,
    "Only compliance officers resolve (an unknown item is their 404, nothing written).",
    ONLY_COMPLIANCE(404),
    { outcome: "remediated", rationale: "authz matrix" },
  ),
  api(
    `${R}/reviews/bulk`,
    "POST",
    `${R}/reviews/bulk`,
    "Only compliance officers act in bulk (unknown items are their 404, nothing written).",
    ONLY_COMPLIANCE(404),
    { action: "assign", ids: [UNKNOWN_ID], assignee: "me" },
  ),
  api(`${R}/review-slas`, "GET", `${R}/review-slas`, "The SLAs: compliance officers.", ONLY_COMPLIANCE(200)),
  api(
    `${R}/review-slas`,
    "PUT",
    `${R}/review-slas`,
    "Only compliance officers set SLAs (set to the default here: nothing the world relies on moves).",
    ONLY_COMPLIANCE(200),
    { slas: [{ kind: "border_violation", hours: 24 }] },
  ),
  api(`${R}/review-views`, "GET", `${R}/review-views`, "Your saved views: compliance officers.", ONLY_COMPLIANCE(200)),
  api(
    `${R}/review-views`,
    "POST",
    `${R}/review-views`,
    "Compliance officers save views (the same name again replaces it: no growth per run).",
    ONLY_COMPLIANCE(201),
    { name: "authz matrix", filters: { assignee: "me" } },
  ),
  api(
    `${R}/review-views/[id]`,
    "DELETE",
    `${R}/review-views/${UNKNOWN_ID}`,
    "Compliance officers delete their own views (an unknown one is their 404).",
    ONLY_COMPLIANCE(404),
  ),
  api(
    "/api/v1/tenants/[tenant]/reviews",
    "GET",
    "/api/v1/tenants/northwind-eu/reviews",
    "The items about a tenant (reviews.read): its admins and viewers, and compliance officers; auditors, support engineers and provider admins are refused.",
    row(200, 200, 403, 200, 403, 403),
  ),
];

export const reviewPages: PageEntry[] = [
  ...tenantPageRows(),
  {
    kind: "page",
    path: "/region",
    method: "GET",
    concrete: "/region",
    note: "The compliance desk (region.reviews.read): compliance officers; other provider staff are sent on to their first region section; customers' people are refused by the region layout.",
    expect: signedIn(200, 307, { ...CUSTOMER(403), support_engineer: 307, provider_admin: 307 }),
    location: {
      anonymous: toSignIn("/region"),
      support_engineer: "/region/tenants",
      provider_admin: "/region/tenants",
    },
  },
  {
    kind: "page",
    path: "/region/reviews",
    method: "GET",
    concrete: "/region/reviews",
    note: "The review queue (region.reviews.read): compliance officers; other provider staff pass the region layout but are refused by the page's gate; customers' people are refused.",
    expect: signedIn(200, 307, { ...CUSTOMER(403), support_engineer: 403, provider_admin: 403 }),
    location: { anonymous: toSignIn("/region/reviews") },
  },
];

function tenantPageRows(): PageEntry[] {
  return tenantPage(
    "governance/reviews",
    "The review items about the tenant (reviews.read): its admins and viewers, and compliance officers; auditors are refused by the tab's gate, support engineers and provider admins by the section's.",
    signedIn(200, 307, { auditor: 403, support_engineer: 403, provider_admin: 403 }),
  );
}
