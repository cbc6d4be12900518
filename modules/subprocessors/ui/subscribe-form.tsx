"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fieldAria, FormError, FormField, inputClass } from "@/components/ui/field";
import { SUBSCRIBER_EMAIL_MAX } from "@/modules/subprocessors/api-schemas/subscriptions";
import { subscriptionsApi } from "@/modules/subprocessors/subscriptions-client";
import { ApiProblem } from "@/platform/http/client-fetch";

/**
 * "E-mail me about changes": asks for an address and says the same thing whatever the server
 * knows of it (double opt-in: a confirmation link is mailed). No sign-in. Embed it anywhere
 * public, e.g. the trust page: `<SubscribeForm />`.
 */
export function SubscribeForm() {
  const id = useId();
  const inputId = `${id}-email`;
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const email = String(new FormData(form).get("email") ?? "");
    setPending(true);
    setError(null);
    setFieldError(null);
    try {
      const answer = await subscriptionsApi.subscribe(email);
      setDone(answer.detail);
      form.reset();
    } catch (err) {
      const message = err instanceof Error ? err.message : "The request could not be sent.";
      if (err instanceof ApiProblem && err.status === 400) setFieldError(message);
      else setError(message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      aria-label="E-mail about changes to the subprocessor list"
      className="space-y-3 print:hidden"
      noValidate
    >
      <FormField
        id={inputId}
        label="E-mail me about changes"
        hint="We send a link to confirm first, and every e-mail has a one-click unsubscribe."
        error={fieldError}
        className="max-w-md"
      >
        <input
          id={inputId}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={SUBSCRIBER_EMAIL_MAX}
          placeholder="name@example.com"
          className={inputClass}
          {...fieldAria(inputId, { hint: true, error: fieldError })}
        />
      </FormField>
      <Button type="submit" variant="primary" loading={pending} loadingText="Sending…">
        Subscribe
      </Button>
      <FormError id={`${id}-error`} message={error} />
      <p role="status" className="text-sm text-emerald-800 dark:text-emerald-200">
        {done}
      </p>
    </form>
  );
}
