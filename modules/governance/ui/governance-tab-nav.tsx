"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

/**
 * The Governance section's tabs: links (each tab is its own page), the current one marked with
 * aria-current. Scrolls sideways on its own on a narrow screen rather than widening the page.
 */
export function GovernanceTabNav({ tabs }: { tabs: { key: string; label: string; href: string }[] }) {
  const pathname = usePathname();
  // The longest matching href wins: /governance/reviews is not also "Metrics" (/governance).
  const current = [...tabs]
    .sort((a, b) => b.href.length - a.href.length)
    .find((t) => pathname === t.href || pathname.startsWith(`${t.href}/`));
  return (
    <nav aria-label="Governance" className="overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      <ul className="flex min-w-max gap-1">
        {tabs.map((t) => {
          const active = current?.key === t.key;
          return (
            <li key={t.key}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cx(
                  "-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium",
                  active
                    ? "border-teal-700 text-teal-800 dark:border-teal-400 dark:text-teal-300"
                    : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100",
                )}
                data-testid={`governance-tab-${t.key}`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
