"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ConfirmByNameDialog } from "@/modules/keys/ui/confirm-by-name-dialog";
import { formatDate } from "@/modules/keys/ui/key-format";
import type { KeyChangeResult, KeySummary } from "@/modules/keys/client";

const DAY_MS = 86_400_000;

interface Props {
  tenant: string;
  region: string;
  keyState: KeySummary["state"];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  mutation: UseMutationResult<KeyChangeResult, Error, { confirm: string; days: number }>;
  onDone: () => void;
  onCloseAutoFocus: (event: Event) => void;
}

/** Crypto-shred after 7–30 days (default 30): the date, what becomes unrecoverable, the slug typed. */
export function ScheduleDeletionDialog({
  tenant,
  region,
  keyState,
  open,
  onOpenChange,
  mutation,
  onDone,
  onCloseAutoFocus,
}: Props) {
  const id = useId();
  const [text, setText] = useState("30");
  const days = Number(text);
  const valid = Number.isInteger(days) && days >= 7 && days <= 30;
  // The server sets the exact moment from its own clock; the day shown here is the same or within a minute of it.
  const due = valid ? formatDate(new Date(Date.now() + days * DAY_MS).toISOString()) : null;

  return (
    <ConfirmByNameDialog
      trigger="Schedule deletion"
      showTrigger={keyState === "enabled" || keyState === "disabled"}
      title={`Schedule the destruction of ${tenant}'s key?`}
      slug={tenant}
      submit="Schedule deletion"
      pendingText="Scheduling…"
      valid={valid}
      open={open}
      onOpenChange={(next) => {
        if (next) {
          mutation.reset();
          setText("30");
        }
        onOpenChange(next);
      }}
      onConfirm={(confirm) => mutation.mutate({ confirm, days }, { onSuccess: onDone })}
      pending={mutation.isPending}
      error={mutation.error?.message ?? null}
      onCloseAutoFocus={onCloseAutoFocus}
      fields={
        <div>
          <label htmlFor={id} className="block text-sm font-medium">
            Days until the key is destroyed (7 to 30)
          </label>
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={7}
            max={30}
            step={1}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={!valid}
            aria-describedby={`${id}-due`}
            className="mt-1 w-24 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
          />
          <p id={`${id}-due`} className="mt-1 text-sm font-medium" aria-live="polite" data-testid="deletion-date">
            {due ? `Crypto-shred on ${due}.` : "Choose a whole number of days from 7 to 30."}
          </p>
        </div>
      }
      consequences={
        <>
          <p>
            The key is destroyed (crypto-shredded) on <strong>{due ?? "the chosen date"}</strong>. After that it is{" "}
            <strong>unrecoverable</strong>: every piece of {tenant}&apos;s data encrypted under it in {region} — contact
            people, auditor identities, support tickets and evidence, and your applications&apos; data — can never be
            read again, by you, the provider or anyone else. No backup brings it back.
          </p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <strong>Until then:</strong>{" "}
              {keyState === "enabled"
                ? "the key stops working now, as when disabled: every decrypt fails closed and support access ends."
                : "the key stays unusable, as it is now."}
            </li>
            <li>
              <strong>Changed your mind?</strong> A customer admin can cancel the deletion before that date; the key
              then stays disabled until enabled.
            </li>
          </ul>
        </>
      }
    />
  );
}
