"use client";

import { RotateCw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmByNameDialog } from "@/modules/keys/ui/confirm-by-name-dialog";
import { rotationRunning } from "@/modules/keys/ui/key-format";
import { RotationPeriodForm } from "@/modules/keys/ui/rotation-period-form";
import { ScheduleDeletionDialog } from "@/modules/keys/ui/schedule-deletion-dialog";
import type { KeyActions } from "@/modules/keys/ui/use-key-actions";
import type { KeySummary } from "@/modules/keys/client";

interface Props {
  tenant: string;
  region: string;
  keyView: KeySummary;
  actions: KeyActions;
  /** Moves focus to the key's state after a change (the button pressed may be gone). */
  focusState: () => void;
}

/** The customer admin's controls for one key; which ones show depends on its state. */
export function KeyControls({ tenant, region, keyView, actions, focusState }: Props) {
  const [dialog, setDialog] = useState<"disable" | "delete" | null>(null);
  const running = rotationRunning(keyView.rotation);
  const { rotate, enable, cancelDeletion, disable } = actions;
  // The plain buttons share one alert: the newest failure, in the API's words.
  const failure = [rotate, enable, cancelDeletion].find((m) => m.isError)?.error?.message ?? null;

  // Starting one action clears the others' old failures, so the alert is always about the latest.
  const clearFailures = () => [rotate, enable, cancelDeletion].forEach((m) => m.reset());

  const afterClose = (succeeded: boolean) => (event: Event) => {
    if (!succeeded) return;
    event.preventDefault();
    focusState();
  };

  return (
    <div className="space-y-4" data-testid="key-controls">
      <div className="flex flex-wrap items-center gap-2">
        {keyView.state === "enabled" && (
          <Button
            // aria-disabled rather than disabled, so focus stays on the button while it runs.
            aria-disabled={running || rotate.isPending}
            aria-busy={rotate.isPending || undefined}
            onClick={() => {
              if (running || rotate.isPending) return;
              clearFailures();
              rotate.mutate();
            }}
          >
            <RotateCw aria-hidden className={`size-4 ${rotate.isPending || running ? "animate-spin" : ""}`} />
            {running ? "Rotation in progress…" : "Rotate now"}
          </Button>
        )}
        {keyView.state === "disabled" && (
          <Button
            aria-disabled={enable.isPending}
            aria-busy={enable.isPending || undefined}
            onClick={() => {
              if (enable.isPending) return;
              clearFailures();
              enable.mutate(undefined, { onSuccess: focusState });
            }}
          >
            {enable.isPending ? "Enabling…" : "Enable key"}
          </Button>
        )}
        {keyView.state === "pending_deletion" && (
          <Button
            aria-disabled={cancelDeletion.isPending}
            aria-busy={cancelDeletion.isPending || undefined}
            onClick={() => {
              if (cancelDeletion.isPending) return;
              clearFailures();
              cancelDeletion.mutate(undefined, { onSuccess: focusState });
            }}
          >
            {cancelDeletion.isPending ? "Cancelling…" : "Cancel deletion"}
          </Button>
        )}
        {keyView.state !== "destroyed" && (
          <ConfirmByNameDialog
            trigger="Disable key"
            showTrigger={keyView.state === "enabled"}
            title={`Disable the key of ${tenant}?`}
            slug={tenant}
            submit="Disable key"
            pendingText="Disabling…"
            open={dialog === "disable"}
            onOpenChange={(open) => {
              setDialog(open ? "disable" : null);
              if (open) disable.reset();
            }}
            onConfirm={(confirm) => disable.mutate(confirm, { onSuccess: () => setDialog(null) })}
            pending={disable.isPending}
            error={disable.error?.message ?? null}
            onCloseAutoFocus={afterClose(disable.isSuccess)}
            consequences={
              <>
                <p>Disabling is the kill switch. From the moment you confirm:</p>
                <ul className="list-disc space-y-1 pl-5">
                  <li>
                    <strong>What stops working:</strong> every decrypt of {tenant}&apos;s data in {region} — contact
                    people, auditor identities, support tickets and evidence, and every decrypt your applications make
                    through the data plane.
                  </li>
                  <li>
                    <strong>Who is affected:</strong> your applications and their users, whose reads of encrypted data
                    fail; and the provider&apos;s support staff, whose access to this tenant ends at once.
                  </li>
                  <li>
                    <strong>What stays:</strong> nothing is deleted. A customer admin can enable the key again, and a
                    signed revocation receipt records how quickly every instance stopped decrypting.
                  </li>
                </ul>
              </>
            }
          />
        )}
        {keyView.state !== "destroyed" && (
          <ScheduleDeletionDialog
            tenant={tenant}
            region={region}
            keyState={keyView.state}
            open={dialog === "delete"}
            onOpenChange={(open) => setDialog(open ? "delete" : null)}
            mutation={actions.scheduleDeletion}
            onDone={() => setDialog(null)}
            onCloseAutoFocus={afterClose(actions.scheduleDeletion.isSuccess)}
          />
        )}
        {keyView.state === "destroyed" && (
          <p className="text-sm text-slate-600 dark:text-slate-400">A destroyed key cannot be changed any more.</p>
        )}
      </div>
      {failure && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {failure}
        </p>
      )}
      {(keyView.state === "enabled" || keyView.state === "disabled") && (
        <RotationPeriodForm keyView={keyView} mutation={actions.setPeriod} />
      )}
    </div>
  );
}
