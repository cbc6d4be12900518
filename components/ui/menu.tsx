"use client";

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/**
 * A menu button (WAI-ARIA menu button pattern) in a few hundred bytes: Enter, Space or the arrow
 * keys open it on the first (or last) item, the arrows, Home and End move, Escape closes it and
 * gives focus back to the button, Tab or a click elsewhere closes it. Items are links or buttons
 * with `role="menuitem"` (`menuItemProps`). It replaces a dropdown library and its positioning
 * engine in every page's first load: the menu opens below its button, aligned to one edge.
 */

const ITEM = '[role="menuitem"]';

export const menuItemClass =
  "flex w-full cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none hover:bg-slate-100 focus:bg-slate-100 dark:hover:bg-slate-800 dark:focus:bg-slate-800";

/** What makes a link or button an item of the menu. */
export const menuItemProps = { role: "menuitem", tabIndex: -1 } as const;

interface MenuProps {
  /** The button's content; name it by its text or by `label`. */
  trigger: ReactNode;
  label?: string;
  triggerClassName: string;
  testId?: string;
  align?: "start" | "end";
  className?: string;
  children: ReactNode;
}

export function Menu({ trigger, label, triggerClassName, testId, align = "start", className, children }: MenuProps) {
  const [open, setOpen] = useState(false);
  const [focusOn, setFocusOn] = useState<"first" | "last" | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const id = useId();

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>(ITEM) ?? [])];
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const list = items();
    if (focusOn === "last") list.at(-1)?.focus();
    else if (focusOn === "first") list[0]?.focus();
    else menu.current?.focus();
    const outside = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open, focusOn, close]);

  const openAt = (where: "first" | "last" | null) => {
    setFocusOn(where);
    setOpen(true);
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "Enter" || e.key === " ") openAt("first");
    else if (e.key === "ArrowUp") openAt("last");
    else return;
    e.preventDefault();
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === "ArrowDown") move(at + 1);
    else if (e.key === "ArrowUp") move(at < 0 ? -1 : at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(-1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Tab") {
      close(false);
      return;
    } else return;
    e.preventDefault();
  };

  return (
    <div ref={wrapper} className="relative">
      <button
        ref={button}
        id={`${id}-button`}
        type="button"
        className={triggerClassName}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid={testId}
        onClick={() => (open ? close(false) : openAt(null))}
        onKeyDown={onButtonKey}
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={menu}
          id={id}
          role="menu"
          tabIndex={-1}
          aria-labelledby={`${id}-button`}
          onKeyDown={onMenuKey}
          // A chosen item closes the menu; a link's navigation goes on.
          onClick={(e) => {
            if ((e.target as HTMLElement).closest(ITEM)) close(false);
          }}
          className={cx(
            "absolute top-full z-50 mt-1.5 rounded-md border border-slate-200 bg-white p-1 shadow-lg outline-none dark:border-slate-700 dark:bg-slate-900",
            align === "end" ? "right-0" : "left-0",
            className,
          )}
        >
          {children}
        </div>
      )}
    </div>
  );
}
