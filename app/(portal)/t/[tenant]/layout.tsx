import type { ReactNode } from "react";
import { TENANT_NAV_ID } from "@/components/shell/app-frame";
import { NavList } from "@/components/shell/nav-list";
import { TierBadge } from "@/modules/tenants/ui/tier-badge";
import { pageTenantShell } from "@/modules/tenants/server/shell";

/**
 * The gate of every tenant page, above any loading boundary so that its answers are real
 * HTTP statuses: 307 to the home region, 404, 403. Each page still authorizes its own data.
 */
export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant: slug } = await params;
  const shell = await pageTenantShell(slug);
  const items = shell.nav.map((i) => ({
    ...i,
    href: `/t/${shell.tenant.slug}${i.href}`,
    planned: i.status === "planned",
  }));
  return (
    <div className="shell-tenant flex min-h-full flex-col md:flex-row">
      <aside
        id={TENANT_NAV_ID}
        className="shell-sidebar shrink-0 border-b border-slate-200 p-3 md:w-60 md:border-r md:border-b-0 dark:border-slate-800"
      >
        <div className="mb-4 px-2">
          <div className="truncate font-semibold" title={shell.tenant.name}>
            {shell.tenant.name}
          </div>
          <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
            <TierBadge tier={shell.tenant.tier} />
            <span>homed in {shell.tenant.homeRegion}</span>
          </div>
        </div>
        <NavList label="Tenant" items={items} testId="tenant-nav" />
      </aside>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
