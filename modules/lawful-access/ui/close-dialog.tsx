"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { lawfulAccessApi, type LawfulAccessRequest } from "@/modules/lawful-access/client";
import {
  CLOSING_DISPOSITIONS,
  DISPOSITION_LABELS,
  type ClosingDisposition,
} from "@/modules/lawful-access/domain/model";

/** What closing does, in plain words: final, counted in the report, and who is told. */
export function closeConsequence(request: LawfulAccessRequest, me: { name: string }): string {
  const told =
    request.notification.state === "prohibited"
      ? "A legal prohibition holds: the tenants concerned are not told and still do not see it."
      : request.tenants.length > 0
        ? `The admins of ${request.tenants.map((t) => t.name).join(", ")} are told how it ended.`
        : "No tenant is concerned.";
  return `Recorded by ${request.recorded_by.name}; you (${me.name}) close it. Closing is final: the request can no longer be edited and its disposition is counted in the region's next transparency report. ${told}`;
}

/** "Close…": the disposition and a rationale; shown only when the policy lets the caller close it (four eyes). */
export function CloseDialog({
  request,
  me,
  onDone,
}: {
  request: LawfulAccessRequest;
  me: { name: string };
  onDone: (words: string) => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [disposition, setDisposition] = useState<ClosingDisposition | "">("");
  const [rationale, setRationale] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = (name: string) => `la-close-${request.id}-${name}`;

  async function confirm() {
    if (!disposition) return;
    setPending(true);
    setError(null);
    try {
      await lawfulAccessApi.close(request.id, { disposition, rationale });
      setOpen(false);
      onDone(`Closed the request from ${request.authority}: ${DISPOSITION_LABELS[disposition].toLowerCase()}.`);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "Nothing was closed: the request failed. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <ConfirmDialog
      trigger={
        <>
          Close…<span className="sr-only"> the request from {request.authority}</span>
        </>
      }
      triggerSize="xs"
      triggerVariant="secondary"
      title={`Close the request from ${request.authority}?`}
      description={<p data-testid="close-consequence">{closeConsequence(request, me)}</p>}
      confirmLabel="Close request"
      pendingLabel="Closing…"
      ready={disposition !== "" && rationale.trim().length > 0}
      pending={pending}
      error={error}
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        setError(null);
      }}
      onConfirm={() => void confirm()}
    >
      <FormField id={id("disposition")} label="Disposition">
        <select
          id={id("disposition")}
          required
          value={disposition}
          onChange={(e) => setDisposition(e.target.value as ClosingDisposition)}
          className={inputClass}
        >
          <option value="">Choose…</option>
          {CLOSING_DISPOSITIONS.map((d) => (
            <option key={d} value={d}>
              {DISPOSITION_LABELS[d]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id={id("rationale")}
        label="Rationale"
        hint="Why, for the region's log (the tenants see the disposition only)."
      >
        <textarea
          id={id("rationale")}
          required
          rows={3}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          className={inputClass}
          aria-describedby={`${id("rationale")}-hint`}
        />
      </FormField>
    </ConfirmDialog>
  );
}
