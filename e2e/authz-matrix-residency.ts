/** Authorization matrix rows: the residency pages (sharing decisions, lineage graph, region map). */
import { CUSTOMER, sameForSignedIn, signedIn, toSignIn, type PageEntry } from "./authz-matrix-types";

/**
 * The four rows every tenant page gets: its own tenant, another organisation's, the GCC tenant
 * (homed in me-central-1: redirected before anything is read) and an unknown tenant.
 * `own` gives the statuses on northwind-eu; another organisation's tenant is 404 for
 * Northwind's people, and staff get there what they get on any tenant.
 */
export function tenantPage(section: string, what: string, own: ReturnType<typeof signedIn>): PageEntry[] {
  const path = `/t/[tenant]/${section}`;
  const staff = {
    compliance_officer: own.compliance_officer,
    support_engineer: own.support_engineer,
    provider_admin: own.provider_admin,
  };
  return [
    {
      kind: "page",
      path,
      method: "GET",
      concrete: `/t/northwind-eu/${section}`,
      note: what,
      expect: own,
      location: { anonymous: toSignIn(`/t/northwind-eu/${section}`) },
    },
    {
      kind: "page",
      path,
      method: "GET",
      concrete: `/t/kestrel-eu/${section}`,
      note: "Another organisation's tenant: not found for Northwind's people; staff as on any tenant.",
      expect: signedIn(403, 307, { ...CUSTOMER(404), ...staff }),
    },
    {
      kind: "page",
      path,
      method: "GET",
      concrete: `/t/northwind-gcc/${section}`,
      note: "The GCC tenant lives in me-central-1: redirected there before anything is read.",
      expect: signedIn(307, 307),
      location: {
        ...sameForSignedIn(`{url:me-central-1}/t/northwind-gcc/${section}`),
        anonymous: toSignIn(`/t/northwind-gcc/${section}`),
      },
    },
    {
      kind: "page",
      path,
      method: "GET",
      concrete: `/t/no-such-tenant/${section}`,
      note: "An unknown tenant is not found.",
      expect: signedIn(404, 307),
    },
  ];
}

export const residencyPages: PageEntry[] = [
  ...tenantPage(
    "decisions",
    "Sharing decisions (decisions.read): the tenant's admins and viewers and compliance officers; auditors and provider admins open the tenant but are refused by the section's gate (403); support engineers need a grant.",
    signedIn(200, 307, { auditor: 403, support_engineer: 403, provider_admin: 403 }),
  ),
  ...tenantPage(
    "lineage",
    "The lineage graph (lineage.read): the tenant's admins and viewers and compliance officers; auditors and provider admins open the tenant but are refused by the section's gate (403); support engineers need a grant.",
    signedIn(200, 307, { auditor: 403, support_engineer: 403, provider_admin: 403 }),
  ),
  ...tenantPage(
    "map",
    "The region map (map.read): the tenant's admins, viewers and auditors and compliance officers; provider admins open the tenant but are refused by the section's gate (403); support engineers need a grant.",
    signedIn(200, 307, { support_engineer: 403, provider_admin: 403 }),
  ),
];
