"use client";

import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { cx } from "@/components/ui/cx";
import { tabTarget } from "@/components/ui/roving";

export interface TabItem<Key extends string> {
  key: Key;
  label: string;
}

/**
 * Tabs with a roving tabindex: Tab enters the list on the selected tab, arrow keys (and Home/End)
 * move and select, and the panel is named by its tab. The panel shows the selected tab's content.
 */
export function Tabs<Key extends string>({
  label,
  tabs,
  selected,
  onSelect,
  aside,
  children,
}: {
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly TabItem<Key>[];
  selected: Key;
  onSelect: (key: Key) => void;
  /** Shown at the end of the tab row (e.g. a download link). */
  aside?: ReactNode;
  children: ReactNode;
}) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const tabId = (k: string) => `${base}-tab-${k}`;
  const panelId = (k: string) => `${base}-panel-${k}`;

  function onKey(e: KeyboardEvent, index: number) {
    const next = tabTarget(e.key, index, tabs.length);
    if (next === null) return;
    e.preventDefault();
    onSelect(tabs[next]!.key);
    refs.current[next]?.focus();
  }

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label={label} className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
          {tabs.map((t, i) => (
            <button
              key={t.key}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={tabId(t.key)}
              aria-controls={panelId(t.key)}
              aria-selected={selected === t.key}
              tabIndex={selected === t.key ? 0 : -1}
              onClick={() => onSelect(t.key)}
              onKeyDown={(e) => onKey(e, i)}
              className={cx(
                "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
                selected === t.key
                  ? "border-blue-700 text-blue-800 dark:text-blue-300"
                  : "border-transparent text-slate-600 dark:text-slate-400",
              )}
            >
              {t.label}
            </button>
          ))}
        </div>
        {aside}
      </div>
      <div role="tabpanel" id={panelId(selected)} aria-labelledby={tabId(selected)}>
        {children}
      </div>
    </>
  );
}
