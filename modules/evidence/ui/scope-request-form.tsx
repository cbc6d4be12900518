"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError, FormField, describedBy, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/platform/format";
import { ApiProblem } from "@/platform/http/client-fetch";
import { evidenceApi, type AuditorSummary } from "@/modules/evidence/client";
import { ACCESS_WORDS } from "@/modules/evidence/ui/words";

const ERROR_ID = "scope-request-error";
const REASON_MIN = 10;
const REASON_MAX = 2000;

const day = (iso: string | null, fallback: string) => (iso ? iso.slice(0, 10) : fallback);

/**
 * An auditor asks for more periods or full evidence, with a reason. The fields start at the
 * engagement's current scope; the server refuses a request that does not widen it. While a
 * request waits, the form gives way to saying so; it stays mounted across the refresh that
 * follows a request, so "sent" is still announced and focus moves to the waiting state.
 */
export function ScopeRequestForm({
  tenant,
  tenantName,
  engagement,
  waiting,
}: {
  tenant: string;
  tenantName: string;
  engagement: AuditorSummary;
  /** A request of theirs waits for the tenant's decision: no form until it is decided. */
  waiting: boolean;
}) {
  const router = useRouter();
  const waitingRef = useRef<HTMLParagraphElement>(null);
  const thisYear = new Date().getUTCFullYear();
  const [access, setAccess] = useState<AuditorSummary["access"]>("evidence");
  const [from, setFrom] = useState(day(engagement.scope_from, `${thisYear - 1}-01-01`));
  const [to, setTo] = useState(day(engagement.scope_to, `${thisYear + 1}-01-01`));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A short reason is the reason field's fault alone; the server's refusals concern the scope too.
  const [reasonOnly, setReasonOnly] = useState(false);
  const [done, setDone] = useState("");

  // Sent: the button pressed is gone, so focus goes to the request's waiting state.
  useEffect(() => {
    if (waiting && done) waitingRef.current?.focus();
  }, [waiting, done]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone("");
    if (reason.trim().length < REASON_MIN) {
      setReasonOnly(true);
      setError(`Say why you need more access: at least ${REASON_MIN} characters.`);
      return;
    }
    setReasonOnly(false);
    setBusy(true);
    try {
      await evidenceApi.requestScope(tenant, { access, from, to, reason: reason.trim() });
      setDone("Your request was sent. You will be told of the decision.");
      setReason("");
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The request was not sent. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const aria = (id: string, hint = false) =>
    describedBy(id, hint, Boolean(error) && (!reasonOnly || id === "scope-request-reason"), ERROR_ID);
  const status = (
    <p role="status" className="mt-2 text-sm" data-testid="scope-request-sent">
      {done}
    </p>
  );
  if (waiting)
    return (
      <div>
        <p ref={waitingRef} tabIndex={-1} className="text-sm" data-testid="scope-request-waiting">
          {tenantName}&apos;s admins have been told and decide; you can ask again once they have.
        </p>
        {status}
      </div>
    );
  return (
    <div>
      <form
        onSubmit={submit}
        className="max-w-2xl space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800"
        data-testid="scope-request-form"
        aria-describedby="scope-request-intro"
      >
        <p id="scope-request-intro" className="text-sm text-slate-600 dark:text-slate-400">
          Ask for an earlier start, a later end, or full evidence. An approval adds to what you may read, not to how
          long: your access still ends{" "}
          {engagement.expires_at ? <Time iso={engagement.expires_at} /> : "when the tenant revokes it"}.
        </p>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Access</legend>
          {(["evidence", "attestations"] as const).map((a) => (
            <label key={a} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="scope-request-access"
                checked={access === a}
                disabled={a === "attestations" && engagement.access === "evidence"}
                onChange={() => setAccess(a)}
              />
              {ACCESS_WORDS[a]}
              {a === "evidence" ? ": attestations, evidence packages, keys, audit log" : ": the signed statements"}
            </label>
          ))}
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField id="scope-request-from" label="Periods from" hint="Your engagement's first day, or earlier.">
            <input
              id="scope-request-from"
              type="date"
              required
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              className={inputClass}
              {...aria("scope-request-from", true)}
            />
          </FormField>
          <FormField id="scope-request-to" label="Periods until (not included)" hint="Your engagement's end, or later.">
            <input
              id="scope-request-to"
              type="date"
              required
              value={to}
              onChange={(e) => setTo(e.target.value)}
              className={inputClass}
              {...aria("scope-request-to", true)}
            />
          </FormField>
        </div>
        <FormField
          id="scope-request-reason"
          label="Why you need it"
          hint={`${reason.trim().length} of ${REASON_MIN}–${formatCount(REASON_MAX)} characters. The tenant's admins read this.`}
        >
          <textarea
            id="scope-request-reason"
            required
            rows={4}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className={inputClass}
            {...aria("scope-request-reason", true)}
          />
        </FormField>
        <FormError id={ERROR_ID} message={error} />
        <Button type="submit" variant="primary" loading={busy} loadingText="Sending…">
          Request more access
        </Button>
      </form>
      {status}
    </div>
  );
}
