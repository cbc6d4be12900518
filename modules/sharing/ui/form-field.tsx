import type { ReactNode } from "react";

export const inputClass =
  "mt-1 w-full rounded border border-slate-300 p-1.5 text-sm disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-950 dark:disabled:bg-slate-900";

/** A labelled control with an optional hint the control names in `aria-describedby` (hint id: `${id}-hint`). */
export function FormField({
  id,
  label,
  hint,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`text-sm ${className ?? ""}`}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
    </div>
  );
}

/** aria props of a control: its hint and, when the API named it, the error. */
export function describedBy(id: string, hasHint: boolean, invalid: boolean, errorId: string) {
  const ids = [hasHint ? `${id}-hint` : null, invalid ? errorId : null].filter(Boolean).join(" ");
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
