"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField, inputClass, describedBy } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { evidenceApi, type AuditorSummary } from "@/modules/evidence/client";
import { ACCESS_WORDS } from "@/modules/evidence/ui/words";

const ERROR_ID = "auditor-invite-error";
const DAY_MS = 86_400_000;

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Invites an auditor by e-mail: what they may read (attestations only, or full evidence), which
 * periods, and until when (at most 90 days). Inviting someone already invited changes their engagement.
 */
export function InviteAuditorForm({ tenant, now }: { tenant: string; now: string }) {
  const router = useRouter();
  const today = new Date(now);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [access, setAccess] = useState<AuditorSummary["access"]>("evidence");
  const [from, setFrom] = useState(`${today.getUTCFullYear() - 1}-01-01`);
  const [to, setTo] = useState(day(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1))));
  const [until, setUntil] = useState(day(new Date(today.getTime() + 30 * DAY_MS)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string>("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone("");
    try {
      // Access ends at the end of the chosen day, UTC.
      const expires = new Date(`${until}T23:59:59Z`);
      const invited = await evidenceApi.invite(tenant, {
        email,
        ...(name.trim() ? { name: name.trim() } : {}),
        expires_at: expires.toISOString(),
        scope: { access, from, to },
      });
      setDone(`Invited ${invited.name} (${invited.email}): ${ACCESS_WORDS[invited.access].toLowerCase()}.`);
      setEmail("");
      setName("");
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The invitation was not sent. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const aria = (id: string) => describedBy(id, false, Boolean(error), ERROR_ID);
  return (
    <form onSubmit={submit} className="space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="auditor-email" label="Work e-mail">
          <input
            id="auditor-email"
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className={inputClass}
            {...aria("auditor-email")}
          />
        </FormField>
        <FormField id="auditor-name" label="Name (optional)">
          <input
            id="auditor-name"
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
            className={inputClass}
            {...aria("auditor-name")}
          />
        </FormField>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">May read</legend>
        {(["evidence", "attestations"] as const).map((a) => (
          <label key={a} className="flex items-center gap-2 text-sm">
            <input type="radio" name="auditor-access" checked={access === a} onChange={() => setAccess(a)} />
            {ACCESS_WORDS[a]}
            {a === "evidence" ? ": attestations, evidence packages, keys, audit log" : ": the signed statements"}
          </label>
        ))}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id="auditor-from" label="Periods from">
          <input
            id="auditor-from"
            type="date"
            required
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            className={inputClass}
            {...aria("auditor-from")}
          />
        </FormField>
        <FormField id="auditor-to" label="Periods until (not included)">
          <input
            id="auditor-to"
            type="date"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
            className={inputClass}
            {...aria("auditor-to")}
          />
        </FormField>
        <FormField id="auditor-until" label="Access ends (end of day, UTC)">
          <input
            id="auditor-until"
            type="date"
            required
            value={until}
            min={day(today)}
            max={day(new Date(today.getTime() + 89 * DAY_MS))}
            onChange={(e) => setUntil(e.target.value)}
            className={inputClass}
            {...aria("auditor-until")}
          />
        </FormField>
      </div>
      {error && (
        <p id={ERROR_ID} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <p role="status" className="text-sm" data-testid="auditor-invited">
        {done}
      </p>
      <Button type="submit" variant="primary" loading={busy} loadingText="Inviting…">
        Invite auditor
      </Button>
    </form>
  );
}
