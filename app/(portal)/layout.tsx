import Link from "next/link";
import type { ReactNode } from "react";
import { AppFrame, NavMenuButton, REGION_NAV_ID } from "@/components/shell/app-frame";
import { RegionBadge } from "@/components/shell/region-badge";
import { NavList } from "@/components/shell/nav-list";
import { TenantSwitcher } from "@/components/shell/tenant-switcher";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import { listSwitcherTenants } from "@/modules/tenants/server/directory";
import { NotificationBell } from "@/modules/notifications/ui/notification-bell";
import { myUnreadCount } from "@/modules/notifications/server/inbox";
import { openReviewCountFor } from "@/modules/reviews/server/nav-count";
import { pageActor } from "@/platform/http/page";
import { regionNavigation } from "@/platform/policy/navigation";
import { currentRegion } from "@/platform/region/registry";

/** The signed-in frame: region, tenant switcher, who you are, region-wide navigation. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await pageActor();
  const region = currentRegion();
  const [tenants, unread, openReviews] = await Promise.all([
    listSwitcherTenants(actor),
    myUnreadCount(actor),
    openReviewCountFor(actor),
  ]);
  const regionItems = regionNavigation(actor, region.id).map((i) => ({
    ...i,
    planned: i.status === "planned",
    ...(i.key === "reviews" && openReviews !== null ? { count: openReviews } : {}),
  }));
  return (
    <AppFrame>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        {/* On a phone the tenant switcher takes a row of its own; from 768 px it sits in line. */}
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5 px-3 py-2 md:flex-nowrap md:gap-3 md:px-4">
          <NavMenuButton />
          <Link href="/t" className="font-semibold tracking-tight text-brand-700 dark:text-brand-100">
            Terrane
          </Link>
          <RegionBadge region={region} />
          <div className="order-last min-w-0 basis-full empty:hidden md:order-none md:basis-auto">
            <TenantSwitcher tenants={tenants} />
          </div>
          <div className="ml-auto flex items-center gap-1">
            <NotificationBell initialUnread={unread} />
            <ThemeToggle />
            <UserMenu name={actor.name} email={actor.email} providerRole={actor.providerRole} tenants={tenants} />
          </div>
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        {regionItems.length > 0 && (
          <aside
            id={REGION_NAV_ID}
            className="shell-sidebar shrink-0 border-b border-slate-200 p-3 md:w-60 md:border-r md:border-b-0 dark:border-slate-800"
          >
            <NavList label={`Region ${region.id}`} items={regionItems} testId="region-nav" />
          </aside>
        )}
        <main id="main" className="min-w-0 flex-1" tabIndex={-1}>
          {children}
        </main>
      </div>
    </AppFrame>
  );
}
