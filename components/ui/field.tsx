import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export const inputClass =
  "mt-1 w-full rounded border border-slate-300 p-1.5 text-sm disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-950 dark:disabled:bg-slate-900";

/** The ids a control names in `aria-describedby`: its hint and its inline error. */
export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

/**
 * A labelled control with an optional hint and an inline error. The control itself must carry
 * `fieldAria(id, …)` (or `describedBy`) so screen readers read the hint and the error with it.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** What is wrong with the value, said next to it (and announced). */
  error?: string | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cx("text-sm", className)}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={hintId(id)} className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId(id)} role="alert" className="mt-0.5 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** aria props of a field's control: its hint and its own inline error. */
export function fieldAria(id: string, { hint = false, error }: { hint?: boolean; error?: string | null }) {
  return describedBy(id, hint, Boolean(error), errorId(id));
}

/** aria props of a control: its hint and, when invalid, the error it names (e.g. the form's error). */
export function describedBy(id: string, hasHint: boolean, invalid: boolean, errorIdent: string) {
  const ids = [hasHint ? hintId(id) : null, invalid ? errorIdent : null].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": invalid || undefined };
}

/** The API's problem `detail`, announced, next to the form's buttons. */
export function FormError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-sm text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}
