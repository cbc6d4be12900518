"use client";

import { Check, ChevronsUpDown, ExternalLink } from "lucide-react";
import { useParams } from "next/navigation";
import type { SwitcherTenant } from "@/modules/tenants/server/directory";
import { Menu, menuItemClass, menuItemProps } from "@/components/ui/menu";

/** Every tenant the user can open; those homed in another region open on that region's instance. */
export function TenantSwitcher({ tenants }: { tenants: SwitcherTenant[] }) {
  const params = useParams<{ tenant?: string }>();
  const current = params.tenant ?? null;
  if (tenants.length === 0) return null;
  const label = current ?? "Choose a tenant";
  return (
    <Menu
      label={`Tenant: ${label}. Switch tenant`}
      testId="tenant-switcher"
      className="min-w-72"
      triggerClassName="flex items-center gap-2 rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      trigger={
        <>
          <span className="max-w-48 truncate font-medium">{label}</span>
          <ChevronsUpDown aria-hidden className="size-4 opacity-60" />
        </>
      }
    >
      <div className="px-2 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Your tenants</div>
      {tenants.map((t) => (
        <a key={t.slug} href={t.url} {...menuItemProps} className={menuItemClass}>
          <Check aria-hidden className={`size-4 ${t.slug === current ? "opacity-100" : "opacity-0"}`} />
          <span className="flex-1">
            <span className="block font-medium">{t.slug}</span>
            <span className="block text-xs text-slate-500">
              {t.organisation} · {t.home_region}
            </span>
          </span>
          {!t.local && (
            <span
              className="flex items-center gap-1 text-xs text-slate-500"
              title={`Opens on the ${t.home_region} instance`}
            >
              <ExternalLink aria-hidden className="size-3.5" />
              <span className="sr-only">opens on the {t.home_region} instance</span>
            </span>
          )}
        </a>
      ))}
    </Menu>
  );
}
