import type { ReactNode } from "react";
import { GovernanceTabNav } from "@/modules/governance/ui/governance-tab-nav";
import { pageGovernanceSection } from "@/modules/governance/server/section";

/**
 * The Governance section's frame and gate: a tab for each part of the desk the caller may open
 * (GOVERNANCE_TABS, filtered by the policy), refused above the loading boundary when there is none.
 */
export default async function GovernanceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await params;
  const { tabs } = await pageGovernanceSection(tenant);
  return (
    <div className="mx-auto max-w-6xl space-y-4 p-4 sm:p-6">
      <h1 className="text-2xl font-semibold">Governance</h1>
      <GovernanceTabNav tabs={tabs.map((t) => ({ key: t.key, label: t.label, href: `/t/${tenant}${t.href}` }))} />
      <div>{children}</div>
    </div>
  );
}
