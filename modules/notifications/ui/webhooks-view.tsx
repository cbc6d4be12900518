"use client";

import { useMemo, useState } from "react";
import type { WebhookList, WebhookView } from "@/modules/notifications/api-schemas";
import { CreateWebhookForm } from "@/modules/notifications/ui/create-webhook-form";
import { WebhookCard } from "@/modules/notifications/ui/webhook-card";

/** The tenant's webhook settings: its endpoints and, for its admins, the form to add one. */
export function WebhooksView({ tenant, initial }: { tenant: string; initial: WebhookList }) {
  const [webhooks, setWebhooks] = useState<WebhookView[]>(initial.webhooks);
  const labels = useMemo(() => new Map(initial.events.map((e) => [e.event, e.label])), [initial.events]);
  const canManage = initial.allowed_actions.includes("webhooks.manage");

  const replace = (changed: WebhookView) => setWebhooks((list) => list.map((w) => (w.id === changed.id ? changed : w)));

  return (
    <div className="mx-auto max-w-5xl space-y-8 p-4 sm:p-6">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Terrane posts this tenant&apos;s events (support-access requests, approvals, revocations, alerts) to your
          endpoints as they happen, signed as the Standard Webhooks specification describes. A failed delivery is
          retried for about a day (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); an endpoint that fails every attempt for
          24 hours is disabled and this tenant&apos;s admins are told.
        </p>
      </div>
      {canManage && (
        <section
          aria-labelledby="add-webhook"
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id="add-webhook" className="mb-3 font-semibold">
            Add an endpoint
          </h2>
          <CreateWebhookForm
            tenant={tenant}
            events={initial.events}
            onCreated={(w) => setWebhooks((list) => [...list, w])}
          />
        </section>
      )}
      <section aria-labelledby="webhook-endpoints">
        <h2 id="webhook-endpoints" className="mb-3 font-semibold">
          Endpoints
        </h2>
        {webhooks.length === 0 ? (
          <p className="rounded-lg border border-slate-200 p-6 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
            No endpoints yet: events are shown in the app and, where e-mail is set up, e-mailed to the people concerned.
          </p>
        ) : (
          <ul className="space-y-4">
            {webhooks.map((w) => (
              <WebhookCard
                key={w.id}
                tenant={tenant}
                webhook={w}
                labels={labels}
                canManage={canManage}
                onChanged={replace}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
