"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField, inputClass, describedBy } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { attestationsApi, type AttestationSummary } from "@/modules/attestations/client";
import { periodPresets, RESULT_WORDS } from "@/modules/attestations/ui/words";

const ERROR_ID = "attestation-issue-error";

/**
 * Issue an attestation now, for a period that has ended: the last month or quarter in one click,
 * or any dates. `to` is the day after the last day covered (the API's exclusive end).
 */
export function IssueAttestationForm({ tenant, now }: { tenant: string; now: string }) {
  const router = useRouter();
  const presets = periodPresets(new Date(now));
  const [from, setFrom] = useState(presets.month.from);
  const [to, setTo] = useState(presets.month.to);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<AttestationSummary | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setIssued(null);
    try {
      const result = await attestationsApi.issue(tenant, { from, to });
      setIssued(result);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The attestation could not be issued. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800"
      aria-describedby="attestation-issue-intro"
    >
      <p id="attestation-issue-intro" className="text-sm text-slate-600 dark:text-slate-400">
        Signs what Terrane knows about this tenant for the period with the region&apos;s key. The period must have
        ended; it can be at most a year long. Dates are UTC; the end date itself is not included.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="xs" onClick={() => (setFrom(presets.month.from), setTo(presets.month.to))}>
          Last month
        </Button>
        <Button size="xs" onClick={() => (setFrom(presets.quarter.from), setTo(presets.quarter.to))}>
          Last quarter
        </Button>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="attestation-from" label="From (first day covered)">
          <input
            id="attestation-from"
            type="date"
            required
            value={from}
            max={presets.today}
            onChange={(e) => setFrom(e.target.value)}
            className={inputClass}
            {...describedBy("attestation-from", false, Boolean(error), ERROR_ID)}
          />
        </FormField>
        <FormField id="attestation-to" label="Until (not included)">
          <input
            id="attestation-to"
            type="date"
            required
            value={to}
            max={presets.today}
            onChange={(e) => setTo(e.target.value)}
            className={inputClass}
            {...describedBy("attestation-to", false, Boolean(error), ERROR_ID)}
          />
        </FormField>
      </div>
      {error && (
        <p id={ERROR_ID} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <p role="status" className="text-sm" data-testid="attestation-issued">
        {issued
          ? `Issued the attestation for ${issued.period}. ${RESULT_WORDS[issued.result]}. Digest ${issued.digest}.`
          : ""}
      </p>
      <Button type="submit" variant="primary" loading={busy} loadingText="Signing…">
        Issue attestation
      </Button>
    </form>
  );
}
