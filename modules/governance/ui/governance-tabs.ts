import type { TenantAction } from "@/platform/policy/engine";

/**
 * The tabs of a tenant's Governance section (`/t/<tenant>/governance…`). The section layout shows
 * the ones whose action is among the tenant's `allowed_actions`, so each capability of the desk
 * (metrics, reviews, drills, lawful access) adds its tab here and the policy decides who sees it.
 */
export interface GovernanceTab {
  key: string;
  label: string;
  /** Path under the tenant (`/t/<slug>`). */
  href: string;
  action: TenantAction;
}

export const GOVERNANCE_TABS: GovernanceTab[] = [
  { key: "metrics", label: "Metrics", href: "/governance", action: "governance.read" },
  { key: "lawful-access", label: "Lawful access", href: "/governance/lawful-access", action: "lawful_access.read" },
  { key: "drills", label: "Drills", href: "/governance/drills", action: "drills.read" },
  { key: "reviews", label: "Review items", href: "/governance/reviews", action: "reviews.read" },
];
