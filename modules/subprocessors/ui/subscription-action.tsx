"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { subscriptionsApi } from "@/modules/subprocessors/subscriptions-client";

const WORDS = {
  confirm: {
    button: "Confirm subscription",
    busy: "Confirming…",
    done: "Confirmed: this address will receive e-mail about changes to the register.",
  },
  unsubscribe: {
    button: "Unsubscribe",
    busy: "Unsubscribing…",
    done: "Unsubscribed: no more e-mail about the register goes to this address.",
  },
} as const;

/**
 * The button of a mailed link: the link only opened this page (mail scanners open links
 * too); pressing it is what confirms or unsubscribes.
 */
export function SubscriptionAction({ kind, token }: { kind: "confirm" | "unsubscribe"; token: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const words = WORDS[kind];

  async function press() {
    setPending(true);
    setError(null);
    try {
      if (kind === "confirm") await subscriptionsApi.confirm(token);
      else await subscriptionsApi.unsubscribe(token);
      setDone(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : "That did not work; try the link again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-6 space-y-3">
      {!done && (
        <Button
          variant={kind === "confirm" ? "primary" : "danger"}
          size="md"
          loading={pending}
          loadingText={words.busy}
          onClick={() => void press()}
        >
          {words.button}
        </Button>
      )}
      <FormError id={`subscription-${kind}-error`} message={error} />
      <p role="status" className="text-sm text-emerald-800 dark:text-emerald-200">
        {done ? words.done : null}
      </p>
    </div>
  );
}
