import type { UserActor } from "@/platform/auth/actor";
import { authorize, type AuditorFacts, type RegionAction, type TenantAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import type { TenantRoleName } from "@/platform/policy/roles";

export type NavStatus = "available" | "planned";

export interface NavItem<A> {
  key: string;
  label: string;
  /** Path under the tenant (`/t/<slug>`) or absolute for region items. */
  href: string;
  action: A;
  status: NavStatus;
  icon: string;
  /** How many things wait there (the review queue's open items), shown beside the label. */
  count?: number;
}

// Planned items are the capabilities on the roadmap: shown (for the roles that will get
// them) so people know where things will be, but not linked until they exist.
export const TENANT_NAV: NavItem<TenantAction>[] = [
  {
    key: "overview",
    label: "Overview",
    href: "",
    action: "tenant.read",
    status: "available",
    icon: "layout-dashboard",
  },
  { key: "map", label: "Region map", href: "/map", action: "map.read", status: "available", icon: "globe" },
  { key: "lineage", label: "Lineage", href: "/lineage", action: "lineage.read", status: "available", icon: "workflow" },
  { key: "keys", label: "Keys", href: "/keys", action: "keys.read", status: "available", icon: "key-round" },
  {
    key: "decisions",
    label: "Sharing decisions",
    href: "/decisions",
    action: "decisions.read",
    status: "available",
    icon: "scale",
  },
  {
    key: "subprocessors",
    label: "Subprocessors",
    href: "/subprocessors",
    action: "subprocessors.read",
    status: "available",
    icon: "building",
  },
  {
    key: "attestations",
    label: "Attestations",
    href: "/attestations",
    action: "attestations.read",
    status: "available",
    icon: "badge-check",
  },
  {
    key: "evidence",
    label: "Evidence packages",
    href: "/evidence",
    action: "evidence.download",
    status: "available",
    icon: "package",
  },
  // An auditor's own page: the NDA to accept, the engagement's scope and expiry. Before the NDA
  // is accepted it is the only section an auditor opens.
  {
    key: "engagement",
    label: "Your engagement",
    href: "/engagement",
    action: "nda.accept",
    status: "available",
    icon: "file-signature",
  },
  {
    key: "auditors",
    label: "Auditors",
    href: "/auditors",
    action: "auditors.read",
    status: "available",
    icon: "user-check",
  },
  // Support engineers open this section too (their own requests, the request form): its action is
  // support.requests.read, not support.read (everything about the tenant's support access).
  {
    key: "support",
    label: "Support access",
    href: "/support",
    action: "support.requests.read",
    status: "available",
    icon: "life-buoy",
  },
  // Governance: the tenant's metrics, and the tabs the rest of the compliance desk adds (reviews, drills, lawful access).
  {
    key: "governance",
    label: "Governance",
    href: "/governance",
    action: "governance.read",
    status: "available",
    icon: "chart-column",
  },
  { key: "audit", label: "Audit log", href: "/audit", action: "audit.read", status: "available", icon: "scroll-text" },
  // The tenant's settings: its webhook endpoints today (support access's approval policy next).
  {
    key: "settings",
    label: "Settings",
    href: "/settings/webhooks",
    action: "webhooks.read",
    status: "available",
    icon: "settings",
  },
];

export const REGION_NAV: NavItem<RegionAction>[] = [
  // The compliance officer's home: queue counts, governance figures, drills and lawful access.
  {
    key: "desk",
    label: "Compliance desk",
    href: "/region",
    action: "region.reviews.read",
    status: "available",
    icon: "layout-dashboard",
  },
  {
    key: "tenants",
    label: "Region tenants",
    href: "/region/tenants",
    action: "region.tenants.read",
    status: "available",
    icon: "building-2",
  },
  {
    key: "reviews",
    label: "Review queue",
    href: "/region/reviews",
    action: "region.reviews.read",
    status: "available",
    icon: "clipboard-check",
  },
  {
    key: "integrity",
    label: "Log integrity",
    href: "/region/integrity",
    action: "region.integrity.read",
    status: "available",
    icon: "shield-check",
  },
  {
    key: "support-requests",
    label: "My support access",
    href: "/support",
    action: "region.support.request",
    status: "available",
    icon: "life-buoy",
  },
  {
    key: "ingest",
    label: "Ingest tokens",
    href: "/region/ingest",
    action: "region.ingest.manage",
    status: "planned",
    icon: "plug",
  },
  {
    key: "subprocessor-register",
    label: "Subprocessor register",
    href: "/region/subprocessors",
    action: "region.subprocessors.read",
    status: "available",
    icon: "building",
  },
  // Customers' objections to announced register changes, for the compliance officers who resolve them.
  {
    key: "subprocessor-objections",
    label: "Objections",
    href: "/region/subprocessor-objections",
    action: "region.subprocessor_objections.resolve",
    status: "available",
    icon: "message-square-warning",
  },
  // The region's governance metrics and each tenant's headline figures.
  {
    key: "governance",
    label: "Governance",
    href: "/region/governance",
    action: "region.governance.read",
    status: "available",
    icon: "chart-column",
  },
  // Residency drills across the region's tenants and their schedule: compliance officers.
  {
    key: "drills",
    label: "Drills",
    href: "/region/drills",
    action: "region.drills.read",
    status: "available",
    icon: "shield-check",
  },
  // Government and law-enforcement requests and the transparency reports: compliance officers only.
  {
    key: "lawful-access",
    label: "Lawful access",
    href: "/region/lawful-access",
    action: "region.lawful_access.read",
    status: "available",
    icon: "scale",
  },
];

export interface TenantForNav {
  id: string;
  homeRegion: string;
  tier: string;
  organisationId: string;
}

/** The tenant sections this actor may open, decided by the same policies as the data. */
export function tenantNavigation(
  actor: UserActor,
  role: TenantRoleName | null,
  tenant: TenantForNav,
  auditor?: AuditorFacts,
): NavItem<TenantAction>[] {
  const principal = policyPrincipal(actor, role, auditor);
  const resource = {
    type: "Tenant" as const,
    id: tenant.id,
    region: tenant.homeRegion,
    tier: tenant.tier,
    organisationId: tenant.organisationId,
  };
  return TENANT_NAV.filter((item) => authorize(principal, item.action, resource).allowed);
}

export function regionNavigation(actor: UserActor, regionId: string): NavItem<RegionAction>[] {
  const principal = policyPrincipal(actor);
  return REGION_NAV.filter((item) => authorize(principal, item.action, { type: "Region", id: regionId }).allowed);
}
