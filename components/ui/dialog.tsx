"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { AlertTriangle } from "lucide-react";
import type { FormEvent, ReactNode } from "react";
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

/**
 * A confirmation: the title asks, the description names the consequence, then Cancel and the
 * confirm button (which submits, so Enter confirms). Radix traps focus and closes on Escape.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { tone = "primary", ready = true, pending, showTrigger = true } = props;
  const triggerVariant = props.triggerVariant ?? (tone === "danger" ? "danger-outline" : "primary");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (ready && !pending) props.onConfirm();
  }

  return (
    <RadixDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      {props.trigger !== undefined && showTrigger && (
        <RadixDialog.Trigger
          disabled={props.triggerDisabled}
          className={buttonClass({ variant: triggerVariant, size: props.triggerSize })}
        >
          {props.trigger}
        </RadixDialog.Trigger>
      )}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <RadixDialog.Content
          onCloseAutoFocus={props.onCloseAutoFocus}
          className={`fixed left-1/2 top-1/2 z-50 max-h-[90vh] ${props.wide ? "w-[min(34rem,92vw)]" : "w-[min(32rem,92vw)]"} -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl dark:bg-slate-900`}
        >
          <RadixDialog.Title className="flex items-center gap-2 text-lg font-semibold">
            {tone === "danger" && <AlertTriangle aria-hidden className="size-5 text-red-700 dark:text-red-400" />}
            {props.title}
          </RadixDialog.Title>
          <RadixDialog.Description asChild>
            <div className="mt-3 space-y-2 text-sm text-slate-700 dark:text-slate-300">{props.description}</div>
          </RadixDialog.Description>
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
              <RadixDialog.Close type="button" className={buttonClass({ variant: "secondary" })}>
                {props.cancelLabel ?? "Cancel"}
              </RadixDialog.Close>
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
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
