"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ApiProblem } from "@/platform/http/client-fetch";
import { evidenceApi } from "@/modules/evidence/client";

/** The auditor's acceptance: a deliberate tick, then the text's digest is sent as read. */
export function AcceptNdaForm({
  tenant,
  tenantName,
  sha256,
  next,
}: {
  tenant: string;
  tenantName: string;
  sha256: string;
  next: string;
}) {
  const router = useRouter();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!agreed) return;
    setBusy(true);
    setError(null);
    try {
      await evidenceApi.acceptNda(tenant, sha256);
      router.push(next);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "The acceptance was not recorded. Try again.");
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-describedby="nda-accept-consequence">
      <p id="nda-accept-consequence" className="text-sm text-slate-600 dark:text-slate-400">
        Accepting records your name, e-mail address, the time, your network address and the text&apos;s SHA-256 in{" "}
        {tenantName}&apos;s audit log. {tenantName}&apos;s administrators see every view and download that follows.
      </p>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={agreed}
          onChange={(e) => setAgreed(e.target.checked)}
          className="mt-1 size-4"
          data-testid="nda-agree"
        />
        <span>I have read this agreement and accept it for my engagement with {tenantName}.</span>
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={!agreed} loading={busy} loadingText="Recording…">
        Accept the NDA
      </Button>
    </form>
  );
}
