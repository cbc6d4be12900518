import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cx } from "@/components/ui/cx";

/**
 * primary: the page's main action; secondary: the others; danger: the confirm of a destructive
 * step; danger-outline: the button that opens one; ghost: quiet tool buttons; link: an action
 * inside text or a table cell that reads like a link.
 */
export type ButtonVariant = "primary" | "secondary" | "danger" | "danger-outline" | "ghost" | "link";
export type ButtonSize = "xs" | "sm" | "md";

const VARIANT: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 font-medium text-white hover:bg-brand-700",
  // A secondary button with aria-pressed is a toggle: pressed reads dark, as the view switches did.
  secondary:
    "border border-slate-300 font-medium hover:bg-slate-100 aria-pressed:bg-slate-900 aria-pressed:text-white aria-pressed:hover:bg-slate-800 dark:border-slate-700 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-100 dark:aria-pressed:text-slate-900 dark:aria-pressed:hover:bg-slate-200",
  danger: "bg-red-700 font-medium text-white hover:bg-red-800",
  "danger-outline":
    "border border-red-400 font-medium text-red-800 hover:bg-red-50 dark:border-red-700 dark:text-red-200 dark:hover:bg-red-950",
  ghost: "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800",
  link: "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600 dark:text-brand-100",
};

const SIZE: Record<ButtonSize, string> = {
  xs: "gap-1 px-2 py-1 text-xs",
  sm: "gap-1.5 px-3 py-1.5 text-sm",
  md: "gap-1.5 px-4 py-2 text-sm",
};

/** The classes of a button, for elements that must look like one (Radix triggers, links). */
export function buttonClass({
  variant = "secondary",
  size = "sm",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cx(
    "inline-flex items-center justify-center rounded-md disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50",
    VARIANT[variant],
    variant === "link" ? "gap-1 text-sm" : SIZE[size],
    className,
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** While true the button is disabled and says so (aria-busy); `loadingText` replaces the label. */
  loading?: boolean;
  loadingText?: string;
}

/**
 * The one button. `type="button"` unless told otherwise, so a button inside a form never submits
 * it by accident; while loading it is disabled and busy, so a second click cannot send twice.
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "secondary", size = "sm", loading = false, loadingText, disabled, className, type, children, ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type ?? "button"}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClass({ variant, size, className })}
      {...rest}
    >
      {loading && loadingText ? loadingText : children}
    </button>
  );
});
