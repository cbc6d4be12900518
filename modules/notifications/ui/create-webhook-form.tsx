"use client";

import { Copy } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { fieldAria, FormError, FormField, inputClass } from "@/components/ui/field";
import type { WebhookView } from "@/modules/notifications/api-schemas";
import { webhooksApi } from "@/modules/notifications/client";
import { ApiProblem } from "@/platform/http/client-fetch";

/** Adds an endpoint, then shows its signing secret once, with a copy button and a plain warning. */
export function CreateWebhookForm({
  tenant,
  events,
  onCreated,
}: {
  tenant: string;
  events: { event: string; label: string }[];
  onCreated: (webhook: WebhookView) => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setError(null);
    setUrlError(null);
    try {
      const created = await webhooksApi.create(tenant, {
        url: String(data.get("url") ?? ""),
        description: String(data.get("description") ?? ""),
        events: data.getAll("events").map(String) as never,
      });
      const { secret: shown, ...webhook } = created;
      setSecret(shown);
      setCopied(false);
      onCreated(webhook);
      form.reset();
    } catch (err) {
      const message = err instanceof Error ? err.message : "The endpoint could not be added.";
      if (err instanceof ApiProblem && err.code === "webhook_url_refused") setUrlError(message);
      else setError(message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={(e) => void onSubmit(e)} className="space-y-3" aria-label="Add a webhook endpoint">
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField
            id="webhook-url"
            label="Endpoint URL"
            hint="https only. Terrane signs every message (Standard Webhooks)."
            error={urlError}
          >
            <input
              id="webhook-url"
              name="url"
              type="url"
              required
              maxLength={2048}
              placeholder="https://hooks.example.com/terrane"
              className={inputClass}
              {...fieldAria("webhook-url", { hint: true, error: urlError })}
            />
          </FormField>
          <FormField id="webhook-description" label="Description" hint="Optional: what receives it.">
            <input
              id="webhook-description"
              name="description"
              maxLength={200}
              placeholder="e.g. SIEM"
              className={inputClass}
              {...fieldAria("webhook-description", { hint: true })}
            />
          </FormField>
        </div>
        <fieldset className="text-sm">
          <legend className="font-medium">Events</legend>
          <p className="text-xs text-slate-600 dark:text-slate-400">Tick none to receive every event.</p>
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {events.map((e) => (
              <label key={e.event} className="flex items-start gap-2">
                <input type="checkbox" name="events" value={e.event} className="mt-1" />
                <span>
                  {e.label}{" "}
                  <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{e.event}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormError id="webhook-form-error" message={error} />
        <Button type="submit" variant="primary" size="md" loading={pending} loadingText="Adding…">
          Add endpoint
        </Button>
      </form>
      {secret && (
        <div
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950"
        >
          <p className="font-semibold">Copy this signing secret now. You will not see it again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code
              className="min-w-0 flex-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs break-all dark:bg-slate-900"
              data-testid="new-webhook-secret"
            >
              {secret}
            </code>
            <Button
              size="xs"
              onClick={() => {
                void navigator.clipboard?.writeText(secret);
                setCopied(true);
              }}
            >
              <Copy aria-hidden className="size-4" /> {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            Your receiver checks each message&apos;s <code>webhook-signature</code> with it (any Standard Webhooks
            library does). Terrane keeps it sealed and cannot show it again: if it is lost, add a new endpoint.
          </p>
        </div>
      )}
    </div>
  );
}
