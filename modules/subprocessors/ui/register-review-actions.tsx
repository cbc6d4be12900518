"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { formatDateTime } from "@/platform/format";
import { ChangeDiff } from "@/modules/subprocessors/ui/register-diff";
import { registerApi, type RegisterChange, type RegisterSettings } from "@/modules/subprocessors/client";
import {
  announcementWords,
  audienceWords,
  effectiveWords,
  reviewSteps,
  withdrawWords,
  type EffectiveWords,
  type RegisterNames,
} from "@/modules/subprocessors/ui/register-words";

const NOTE_MAX = 2000;

type Step = "approve" | "reject" | "withdraw";

export interface ReviewContext {
  names: RegisterNames;
  settings: RegisterSettings;
  regionName: string;
  /** The server's clock now. */
  now: () => Date;
  /** What was done, in words, for the page to announce and focus once the dialog has closed. */
  onDone: (words: string) => void;
  focusAfter: () => void;
}

/**
 * Approve, reject (compliance officers who did not propose it) and withdraw (provider admins),
 * each confirmed with its consequence named. Which appear is the server's `allowed_actions`; a
 * reviewer who proposed the change is told why they cannot review it.
 */
export function ChangeActions({ change, ctx }: { change: RegisterChange; ctx: ReviewContext }) {
  const router = useRouter();
  const doneRef = useRef(false);
  const [open, setOpen] = useState<Step | null>(null);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Computed when the dialog opens, so the date is the one an approval now would give.
  const [effective, setEffective] = useState<EffectiveWords | null>(null);

  const { steps, fourEyes } = reviewSteps(change);
  const can = (step: Step) => steps.includes(step);

  function openChange(step: Step) {
    return (isOpen: boolean) => {
      if (isOpen && step === "approve") setEffective(effectiveWords(change, ctx.settings, ctx.now()));
      setOpen(isOpen ? step : null);
      setError(null);
      if (!isOpen) setNote("");
    };
  }

  async function run(step: Step) {
    setPending(true);
    setError(null);
    const body = note.trim() ? { note: note.trim() } : {};
    try {
      let words: string;
      if (step === "approve") {
        const approved = await registerApi.approve(change.id, body);
        words = `Announced: ${change.name}. It takes effect on ${formatDateTime(approved.effective_at)}.`;
      } else if (step === "reject") {
        await registerApi.reject(change.id, { note: note.trim() });
        words = `Rejected: ${change.kind_label.toLowerCase()} ${change.name}. ${change.author.name} reads your note.`;
      } else {
        await registerApi.withdraw(change.id, body);
        words =
          change.state === "announced"
            ? `Withdrawn: ${change.name}. Customers are told it will not take effect.`
            : `Withdrawn: the proposal for ${change.name}.`;
      }
      doneRef.current = true;
      setOpen(null);
      setNote("");
      ctx.onDone(words);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "Nothing was changed: the request failed. Try again.");
    } finally {
      setPending(false);
    }
  }

  function afterClose(event: Event) {
    if (!doneRef.current) return;
    event.preventDefault();
    doneRef.current = false;
    ctx.focusAfter();
  }

  const noteField = (step: Step, label: string, required = false) => (
    <FormField id={`change-note-${step}-${change.id}`} label={label}>
      <textarea
        id={`change-note-${step}-${change.id}`}
        rows={3}
        maxLength={NOTE_MAX}
        required={required}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        className={inputClass}
      />
    </FormField>
  );

  const sr = <span className="sr-only"> {change.name}</span>;
  return (
    <div className="space-y-2">
      {fourEyes && (
        <p className="text-sm text-amber-900 dark:text-amber-200" data-testid="four-eyes">
          {fourEyes}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {can("approve") && (
          <ConfirmDialog
            trigger={<>Approve…{sr}</>}
            triggerSize="xs"
            title={`Announce ${change.kind_label.toLowerCase()}: ${change.name}?`}
            wide
            description={
              <>
                <p data-testid="approve-announces">{announcementWords(change, ctx.names)}</p>
                {change.kind === "change" && <ChangeDiff change={change} names={ctx.names} />}
                <p data-testid="approve-effective">{effective?.text}</p>
                <p data-testid="approve-audience">{audienceWords(change, ctx.regionName)}</p>
              </>
            }
            confirmLabel="Approve and announce"
            pendingLabel="Announcing…"
            ready={Boolean(effective?.effectiveAt)}
            pending={pending}
            error={error}
            open={open === "approve"}
            onOpenChange={openChange("approve")}
            onCloseAutoFocus={afterClose}
            onConfirm={() => void run("approve")}
          >
            {noteField("approve", "Note for the record (optional)")}
          </ConfirmDialog>
        )}
        {can("reject") && (
          <ConfirmDialog
            trigger={<>Reject…{sr}</>}
            triggerSize="xs"
            tone="danger"
            title={`Reject the proposal for ${change.name}?`}
            description={
              <p>
                Nothing is announced and the register stays as it is. {change.author.name}, who proposed it, reads your
                note and may propose it again.
              </p>
            }
            confirmLabel="Reject"
            pendingLabel="Rejecting…"
            ready={note.trim().length > 0}
            pending={pending}
            error={error}
            open={open === "reject"}
            onOpenChange={openChange("reject")}
            onCloseAutoFocus={afterClose}
            onConfirm={() => void run("reject")}
          >
            {noteField("reject", "Why it is rejected (required; the author reads it)", true)}
          </ConfirmDialog>
        )}
        {can("withdraw") && (
          <ConfirmDialog
            trigger={<>Withdraw…{sr}</>}
            triggerSize="xs"
            tone="danger"
            title={`Withdraw the ${change.state === "announced" ? "announced change" : "proposal"} for ${change.name}?`}
            description={<p data-testid="withdraw-consequence">{withdrawWords(change, ctx.regionName)}</p>}
            confirmLabel="Withdraw"
            pendingLabel="Withdrawing…"
            pending={pending}
            error={error}
            open={open === "withdraw"}
            onOpenChange={openChange("withdraw")}
            onCloseAutoFocus={afterClose}
            onConfirm={() => void run("withdraw")}
          >
            {noteField("withdraw", "Why (optional, kept in the audit log)")}
          </ConfirmDialog>
        )}
      </div>
    </div>
  );
}
