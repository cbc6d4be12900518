"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { ROTATION_PERIODS, rotationPeriodLabel } from "@/modules/keys/ui/key-format";
import type { KeyChangeResult, KeySummary } from "@/modules/keys/client";

interface Props {
  keyView: KeySummary;
  mutation: UseMutationResult<KeyChangeResult, Error, number>;
}

/**
 * The automatic rotation period. A select plus a Save button rather than saving on change:
 * arrowing through a closed select fires a change per option, which would be a write each.
 */
export function RotationPeriodForm({ keyView, mutation }: Props) {
  const id = useId();
  const [days, setDays] = useState(keyView.rotation_period_days);
  const custom = !ROTATION_PERIODS.some((p) => p.days === keyView.rotation_period_days);
  const changed = days !== keyView.rotation_period_days;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (changed && !mutation.isPending) mutation.mutate(days);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-describedby={`${id}-hint`}>
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          Automatic rotation
        </label>
        <select
          id={id}
          value={days}
          onChange={(e) => {
            mutation.reset();
            setDays(Number(e.target.value));
          }}
          className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          {custom && (
            <option value={keyView.rotation_period_days}>
              {rotationPeriodLabel(keyView.rotation_period_days)} (set through the API)
            </option>
          )}
          {ROTATION_PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              Every {p.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" aria-disabled={!changed || mutation.isPending} aria-busy={mutation.isPending || undefined}>
        {mutation.isPending ? "Saving…" : "Save period"}
      </Button>
      <p id={`${id}-hint`} className="w-full text-xs text-slate-600 dark:text-slate-400">
        The next automatic rotation follows from the last one: <Time iso={keyView.next_rotation_at} format="date" />{" "}
        with the saved period.
      </p>
      {mutation.error && (
        <p role="alert" className="w-full text-sm text-red-800 dark:text-red-300">
          {mutation.error.message}
        </p>
      )}
    </form>
  );
}
