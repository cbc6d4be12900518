"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

/** The id of every navigation panel the phone menu opens (the region's, and on tenant pages the tenant's). */
export const REGION_NAV_ID = "shell-region-nav";
export const TENANT_NAV_ID = "shell-tenant-nav";

interface FrameState {
  open: boolean;
  toggle: () => void;
  close: () => void;
}

const FrameContext = createContext<FrameState>({ open: false, toggle: () => {}, close: () => {} });

/**
 * The portal's frame. Below 768 px the sidebars are hidden and a menu button in the header
 * shows them in place of the page (globals.css, "shell"); from 768 px they sit beside it and
 * the button is gone. The menu belongs to the path it was opened on, so following a link
 * closes it without an effect.
 */
export function AppFrame({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const toggle = useCallback(() => setOpenOn((current) => (current === pathname ? null : pathname)), [pathname]);
  const close = useCallback(() => setOpenOn(null), []);
  return (
    <FrameContext.Provider value={{ open, toggle, close }}>
      <div className="shell flex min-h-screen flex-col" data-nav-open={open ? "" : undefined}>
        {children}
      </div>
    </FrameContext.Provider>
  );
}

/** Opens and closes the navigation on a phone; Escape closes it and focus returns here. */
export function NavMenuButton() {
  const { open, toggle, close } = useContext(FrameContext);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) {
      // Straight to the first destination, as a menu would.
      const first = document.querySelector<HTMLElement>(`#${REGION_NAV_ID} a, #${TENANT_NAV_ID} a`);
      first?.focus();
    } else if (wasOpen.current && document.activeElement === document.body) {
      button.current?.focus();
    }
    wasOpen.current = open;
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      close();
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, close]);

  const Icon = open ? X : Menu;
  return (
    <button
      ref={button}
      type="button"
      onClick={toggle}
      aria-expanded={open}
      aria-controls={`${REGION_NAV_ID} ${TENANT_NAV_ID}`}
      aria-label={open ? "Close navigation" : "Open navigation"}
      data-testid="nav-menu-button"
      className="shell-menu-button -ml-1 rounded-md p-2 text-slate-700 hover:bg-slate-100 md:hidden dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <Icon aria-hidden className="size-5" />
    </button>
  );
}
