"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Time } from "@/components/ui/time";
import type { WebhookView } from "@/modules/notifications/api-schemas";
import { webhooksApi } from "@/modules/notifications/client";
import { DeliveryLog } from "@/modules/notifications/ui/delivery-log";

/** One endpoint: what it receives, its state, and (for admins) test, disable/enable and its log. */
export function WebhookCard({
  tenant,
  webhook,
  labels,
  canManage,
  onChanged,
}: {
  tenant: string;
  webhook: WebhookView;
  labels: ReadonlyMap<string, string>;
  canManage: boolean;
  onChanged: (webhook: WebhookView) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState<"toggle" | "test" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const enabled = webhook.state === "enabled";
  const logId = `delivery-log-${webhook.id}`;

  async function toggle() {
    setPending("toggle");
    setError(null);
    try {
      const result = enabled
        ? await webhooksApi.disable(tenant, webhook.id)
        : await webhooksApi.enable(tenant, webhook.id);
      onChanged(result.webhook);
      setConfirming(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : "That did not work.");
    } finally {
      setPending(null);
    }
  }

  async function sendTest() {
    setPending("test");
    setError(null);
    setNotice(null);
    try {
      const queued = await webhooksApi.test(tenant, webhook.id);
      setNotice(`Test ping queued (${queued.message_id}); it is sent within seconds.`);
      setRefresh((n) => n + 1);
    } catch (err) {
      setError(err instanceof Error ? err.message : "The test could not be queued.");
    } finally {
      setPending(null);
    }
  }

  return (
    <li className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="webhook">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-mono text-sm break-all">{webhook.url}</p>
          {webhook.description && <p className="text-sm text-slate-600 dark:text-slate-400">{webhook.description}</p>}
        </div>
        <Badge tone={enabled ? "success" : "danger"}>{enabled ? "Enabled" : "Disabled"}</Badge>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600 dark:text-slate-400">Events</dt>
        <dd>
          {webhook.events.length === 0 ? "Every event" : webhook.events.map((e) => labels.get(e) ?? e).join(", ")}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Added</dt>
        <dd>
          <Time iso={webhook.created_at} />
          {webhook.created_by ? ` by ${webhook.created_by}` : ""}
        </dd>
        {webhook.consecutive_failures > 0 && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Failing</dt>
            <dd>
              {webhook.consecutive_failures} failed {webhook.consecutive_failures === 1 ? "attempt" : "attempts"} in a
              row, since <Time iso={webhook.failing_since} />
            </dd>
          </>
        )}
        {!enabled && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Disabled</dt>
            <dd>
              <Time iso={webhook.disabled_at} />. {webhook.disabled_reason}
            </dd>
          </>
        )}
      </dl>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {notice}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="xs" aria-expanded={logOpen} aria-controls={logId} onClick={() => setLogOpen((o) => !o)}>
          {logOpen ? "Hide delivery log" : "Delivery log"}
        </Button>
        {canManage && enabled && (
          <Button size="xs" onClick={() => void sendTest()} loading={pending === "test"} loadingText="Queuing…">
            Send test ping
          </Button>
        )}
        {canManage && (
          <ConfirmDialog
            trigger={enabled ? "Disable" : "Enable"}
            triggerSize="xs"
            tone={enabled ? "danger" : "primary"}
            title={enabled ? "Disable this endpoint?" : "Enable this endpoint?"}
            description={
              enabled ? (
                <p>
                  Terrane stops sending events to <span className="font-mono break-all">{webhook.url}</span>. Messages
                  queued meanwhile wait and are sent when you enable it again; anything that relies on these events (a
                  SIEM, a ticket system) hears nothing until then.
                </p>
              ) : (
                <p>
                  Terrane sends events to <span className="font-mono break-all">{webhook.url}</span> again, starting
                  with messages that waited while it was disabled. Its failure count starts afresh.
                </p>
              )
            }
            confirmLabel={enabled ? "Disable endpoint" : "Enable endpoint"}
            pendingLabel={enabled ? "Disabling…" : "Enabling…"}
            pending={pending === "toggle"}
            error={error}
            open={confirming}
            onOpenChange={setConfirming}
            onConfirm={() => void toggle()}
          />
        )}
      </div>
      {logOpen && (
        <div id={logId}>
          <DeliveryLog tenant={tenant} webhookId={webhook.id} refresh={refresh} />
        </div>
      )}
    </li>
  );
}
