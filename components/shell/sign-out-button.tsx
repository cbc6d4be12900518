"use client";

import { LogOut } from "lucide-react";
import { menuItemClass, menuItemProps } from "@/components/ui/menu";

/**
 * Signs out as next-auth's own client does (its CSRF token, then a POST to its sign-out
 * endpoint, which ends the server-side session), without loading that client on every page.
 */
async function signOut(): Promise<void> {
  const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/signin", json: "true" }),
  });
  window.location.assign("/signin");
}

export function SignOutButton() {
  return (
    <button type="button" {...menuItemProps} onClick={() => void signOut()} className={menuItemClass}>
      <LogOut aria-hidden className="size-4" /> Sign out
    </button>
  );
}
