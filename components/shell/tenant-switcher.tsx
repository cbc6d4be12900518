"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, ChevronsUpDown, ExternalLink } from "lucide-react";
import { useParams } from "next/navigation";
import type { SwitcherTenant } from "@/modules/tenants/server/directory";

/** Every tenant the user can open; those homed in another region open on that region's instance. */
export function TenantSwitcher({ tenants }: { tenants: SwitcherTenant[] }) {
  const params = useParams<{ tenant?: string }>();
  const current = params.tenant ?? null;
  if (tenants.length === 0) return null;
  const label = current ?? "Choose a tenant";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        aria-label={`Tenant: ${label}. Switch tenant`}
        data-testid="tenant-switcher"
      >
        <span className="max-w-48 truncate font-medium">{label}</span>
        <ChevronsUpDown aria-hidden className="size-4 opacity-60" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 min-w-72 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Your tenants
          </DropdownMenu.Label>
          {tenants.map((t) => (
            <DropdownMenu.Item key={t.slug} asChild>
              <a
                href={t.url}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
              >
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
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
