"use client";

import { AlertTriangle } from "lucide-react";
import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { Button, buttonClass, type ButtonSize, type ButtonVariant } from "@/components/ui/button";

export interface ConfirmDialogProps {
  /** The words of the button that opens the dialog; none for a dialog opened from elsewhere. */
  trigger?: ReactNode;
  /** The trigger's look (default: danger actions outlined in red, others primary). */
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  triggerDisabled?: boolean;
  /** False hides the trigger but keeps the dialog mounted (so closing still restores focus). */
  showTrigger?: boolean;
  title: string;
  /** What happens if confirmed, in plain words: what changes and who is affected. */
  description: ReactNode;
  /** Extra fields between the description and the buttons (a reason, a typed confirmation…). */
  children?: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  cancelLabel?: string;
  tone?: "primary" | "danger";
  /** False while the fields are not valid yet: the confirm button stays disabled. */
  ready?: boolean;
  pending: boolean;
  error?: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  onCloseAutoFocus?: (event: Event) => void;
  /** Width of the dialog (default 32rem, at most 92 % of the viewport). */
  wide?: boolean;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A confirmation: the title asks, the description names the consequence, then Cancel and the
 * confirm button (which submits, so Enter confirms). The browser's own modal dialog: the page
 * behind is inert, the first field (or Cancel) takes focus, Tab stays inside, Escape or a click
 * outside cancels, and focus goes back where it was (unless onCloseAutoFocus takes it elsewhere).
 * Its content exists only while it is open.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { tone = "primary", ready = true, pending, showTrigger = true } = props;
  const triggerVariant = props.triggerVariant ?? (tone === "danger" ? "danger-outline" : "primary");
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (props.open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    } else if (!props.open && d.open) {
      d.close();
      const event = new Event("closeAutoFocus", { cancelable: true });
      latest.current.onCloseAutoFocus?.(event);
      if (!event.defaultPrevented) {
        const back = returnTo.current?.isConnected ? returnTo.current : trigger.current;
        back?.focus();
      }
    }
  }, [props.open]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (ready && !pending) props.onConfirm();
  }

  // Tab and Shift+Tab go round inside the dialog rather than out to the browser's own controls.
  function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const all = [...(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    if (all.length === 0) return;
    const first = all[0]!;
    const last = all.at(-1)!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <>
      {props.trigger !== undefined && showTrigger && (
        <button
          ref={trigger}
          type="button"
          disabled={props.triggerDisabled}
          aria-haspopup="dialog"
          aria-expanded={props.open}
          onClick={() => props.onOpenChange(true)}
          className={buttonClass({ variant: triggerVariant, size: props.triggerSize })}
        >
          {props.trigger}
        </button>
      )}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onCancel={(event) => {
          event.preventDefault();
          props.onOpenChange(false);
        }}
        // The dialog box fills the element; a click on the element itself is on the backdrop.
        onClick={(event) => {
          if (event.target === dialog.current) props.onOpenChange(false);
        }}
        onKeyDown={keepFocusInside}
        className={`m-auto max-h-[90vh] ${props.wide ? "w-[min(34rem,92vw)]" : "w-[min(32rem,92vw)]"} overflow-y-auto rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-black/50 dark:bg-slate-900 dark:text-slate-100`}
      >
        {props.open && (
          <div className="p-6">
            <h2 id={titleId} className="flex items-center gap-2 text-lg font-semibold">
              {tone === "danger" && <AlertTriangle aria-hidden className="size-5 text-red-700 dark:text-red-400" />}
              {props.title}
            </h2>
            <div id={descriptionId} className="mt-3 space-y-2 text-sm text-slate-700 dark:text-slate-300">
              {props.description}
            </div>
            <form onSubmit={submit} className="mt-4 space-y-4">
              {props.children}
              {props.error && (
                <p
                  role="alert"
                  className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
                >
                  {props.error}
                </p>
              )}
              <div className="flex justify-end gap-2">
                <button
                  type="button"
                  onClick={() => props.onOpenChange(false)}
                  className={buttonClass({ variant: "secondary" })}
                >
                  {props.cancelLabel ?? "Cancel"}
                </button>
                <Button
                  type="submit"
                  variant={tone === "danger" ? "danger" : "primary"}
                  disabled={!ready}
                  loading={pending}
                  loadingText={props.pendingLabel ?? "Working…"}
                >
                  {props.confirmLabel}
                </Button>
              </div>
            </form>
          </div>
        )}
      </dialog>
    </>
  );
}
