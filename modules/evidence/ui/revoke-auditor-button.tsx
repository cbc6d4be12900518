"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { evidenceApi, type AuditorSummary } from "@/modules/evidence/client";

/** Ending an engagement, with its consequence named: the auditor's next request is refused. */
export function RevokeAuditorButton({ tenant, auditor }: { tenant: string; auditor: AuditorSummary }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    setError(null);
    try {
      await evidenceApi.revoke(tenant, auditor.id);
      setOpen(false);
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "The access was not revoked. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <ConfirmDialog
      trigger={
        <>
          Revoke<span className="sr-only"> {auditor.name}&apos;s access</span>
        </>
      }
      triggerSize="xs"
      tone="danger"
      title={`End ${auditor.name}'s access now?`}
      description={
        <p>
          {auditor.name} ({auditor.email}) can no longer open this tenant, its attestations or its evidence, from the
          next click or API call on. What they downloaded stays with them; the record of it stays here. Inviting them
          again starts a new engagement, with the NDA to accept again.
        </p>
      }
      confirmLabel="Revoke access"
      pendingLabel="Revoking…"
      pending={pending}
      error={error}
      open={open}
      onOpenChange={setOpen}
      onConfirm={() => void revoke()}
    />
  );
}
