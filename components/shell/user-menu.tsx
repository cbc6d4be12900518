"use client";

import { KeyRound, UserRound } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { SwitcherTenant } from "@/modules/tenants/server/directory";
import { ROLE_LABELS, type ProviderRoleName } from "@/platform/policy/roles";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Menu, menuItemClass, menuItemProps } from "@/components/ui/menu";

interface Props {
  name: string;
  email: string;
  providerRole: ProviderRoleName | null;
  tenants: SwitcherTenant[];
}

/** Who is signed in, and in what role here: their provider role, or their role in the open tenant. */
export function UserMenu({ name, email, providerRole, tenants }: Props) {
  const params = useParams<{ tenant?: string }>();
  const tenantRole = tenants.find((t) => t.slug === params.tenant)?.role ?? null;
  const role = providerRole ?? tenantRole;
  const roleLabel = role ? ROLE_LABELS[role] : null;
  return (
    <Menu
      align="end"
      testId="user-menu"
      className="min-w-60"
      triggerClassName="flex items-center gap-2 rounded-md px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      trigger={
        <>
          <UserRound aria-hidden className="size-5 text-slate-500" />
          {/* Named by its own text (axe: the visible words must be in the name), which a phone hides but still reads out. */}
          <span className="sr-only">Signed in as </span>
          <span className="sr-only sm:not-sr-only sm:block">
            <span className="block font-medium leading-tight">{name}</span>
            {roleLabel && (
              <>
                <span className="sr-only">, </span>
                <span className="block text-xs leading-tight text-slate-500" data-testid="current-role">
                  {roleLabel}
                </span>
              </>
            )}
          </span>
          <span className="sr-only">. Account menu</span>
        </>
      }
    >
      <div className="px-2 py-1.5 text-sm">
        <div className="font-medium">{name}</div>
        <div className="text-xs text-slate-500">{email}</div>
      </div>
      <div role="separator" className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
      <Link href="/account/tokens" {...menuItemProps} className={menuItemClass}>
        <KeyRound aria-hidden className="size-4" /> API tokens
      </Link>
      <SignOutButton />
    </Menu>
  );
}
