"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavIcon } from "@/components/shell/nav-icon";
import { formatCount } from "@/platform/format";

export interface NavLink {
  key: string;
  label: string;
  href: string;
  icon: string;
  planned: boolean;
  /** Things waiting there, e.g. the review queue's open items (omitted: no badge). */
  count?: number;
}

/** A section of navigation. Planned capabilities are listed, marked, and not links. */
export function NavList({ label, items, testId }: { label: string; items: NavLink[]; testId: string }) {
  const pathname = usePathname();
  if (items.length === 0) return null;
  return (
    <nav aria-label={label} data-testid={testId}>
      <h2 className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</h2>
      <ul className="space-y-0.5">
        {items.map((item) => {
          const active = pathname === item.href;
          if (item.planned) {
            return (
              <li key={item.key} data-nav={item.key}>
                <span
                  className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-400 dark:text-slate-500"
                  aria-disabled="true"
                >
                  <NavIcon name={item.icon} />
                  <span className="flex-1">{item.label}</span>
                  <span className="rounded bg-slate-100 px-1.5 text-[10px] font-medium uppercase text-slate-500 dark:bg-slate-800">
                    planned
                  </span>
                </span>
              </li>
            );
          }
          return (
            <li key={item.key} data-nav={item.key}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-2 rounded-md px-2 py-1.5 text-sm ${
                  active
                    ? "bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/25 dark:text-brand-100"
                    : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                <NavIcon name={item.icon} />
                <span className="flex-1">{item.label}</span>
                {item.count !== undefined && item.count > 0 && (
                  <span
                    className="rounded-full bg-brand-700 px-1.5 text-[11px] font-semibold text-white dark:bg-brand-100 dark:text-brand-700"
                    data-testid={`nav-count-${item.key}`}
                  >
                    {formatCount(item.count)}
                    <span className="sr-only"> open</span>
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
