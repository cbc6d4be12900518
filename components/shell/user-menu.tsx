"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { KeyRound, UserRound } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import type { SwitcherTenant } from "@/modules/tenants/server/directory";
import { ROLE_LABELS, type ProviderRoleName } from "@/platform/policy/roles";
import { SignOutButton } from "@/components/shell/sign-out-button";

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
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-md px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
        data-testid="user-menu"
      >
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
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-60 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="px-2 py-1.5 text-sm">
            <div className="font-medium">{name}</div>
            <div className="text-xs text-slate-500">{email}</div>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <DropdownMenu.Item asChild>
            <Link
              href="/account/tokens"
              className="flex items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
            >
              <KeyRound aria-hidden className="size-4" /> API tokens
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild onSelect={(e) => e.preventDefault()}>
            <div>
              <SignOutButton />
            </div>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
