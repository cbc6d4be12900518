/** Authorization matrix rows: support access's pages (the tenant's section and the support engineer's own page). */
import { CUSTOMER, signedIn, toSignIn, type PageEntry } from "./authz-matrix-types";
import { tenantPage } from "./authz-matrix-residency";

export const supportPages: PageEntry[] = [
  ...tenantPage(
    "support",
    "Support access (support.requests.read): the tenant's admins and viewers, compliance officers, and support engineers (who see their own requests and the request form; the tenant frame opens for them on this section alone); auditors and provider admins open the tenant but are refused by the section's gate (403).",
    signedIn(200, 307, { auditor: 403, provider_admin: 403 }),
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
