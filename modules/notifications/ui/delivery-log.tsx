"use client";

import { useEffect, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, type Column } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatMillis } from "@/platform/format";
import type { DeliveryView } from "@/modules/notifications/api-schemas";
import { webhooksApi } from "@/modules/notifications/client";

const STATUS: Record<DeliveryView["status"], { label: string; tone: BadgeTone }> = {
  pending: { label: "Queued", tone: "neutral" },
  delivered: { label: "Delivered", tone: "success" },
  failed: { label: "Failed, will retry", tone: "warning" },
  dead: { label: "Given up", tone: "danger" },
};

const COLUMNS: Column<DeliveryView>[] = [
  {
    key: "event",
    header: "Event",
    rowHeader: true,
    className: "min-w-56",
    cell: (d) => (
      <span>
        <span className="font-mono text-xs">{d.event_type}</span>
        <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{d.message_id}</span>
      </span>
    ),
  },
  {
    key: "status",
    header: "Status",
    className: "whitespace-nowrap",
    cell: (d) => <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Badge>,
  },
  {
    key: "attempts",
    header: "Attempts",
    cell: (d) =>
      d.attempt_log.length === 0 ? (
        "none yet"
      ) : (
        <ol className="space-y-0.5 text-xs">
          {d.attempt_log.map((a) => (
            <li key={a.attempt} className="whitespace-nowrap">
              {a.attempt}. <Time iso={a.at} format="precise" /> —{" "}
              {a.status_code !== null ? <span className="font-mono">{a.status_code}</span> : (a.error ?? "failed")} ·{" "}
              {formatMillis(a.duration_ms)}
            </li>
          ))}
        </ol>
      ),
  },
  {
    key: "next",
    header: "Next attempt / delivered",
    cell: (d) =>
      d.delivered_at ? <Time iso={d.delivered_at} /> : d.next_attempt_at ? <Time iso={d.next_attempt_at} /> : "—",
  },
  { key: "created", header: "Queued", cell: (d) => <Time iso={d.created_at} /> },
];

/** One endpoint's recent deliveries with every attempt's status code and time (loaded when opened). */
export function DeliveryLog({ tenant, webhookId, refresh }: { tenant: string; webhookId: string; refresh: number }) {
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    webhooksApi
      .deliveries(tenant, webhookId)
      .then((log) => {
        if (!cancelled) {
          setDeliveries(log.deliveries);
          setError(null);
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : "The delivery log could not be read.");
      });
    return () => {
      cancelled = true;
    };
  }, [tenant, webhookId, refresh]);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {error}
      </p>
    );
  if (!deliveries)
    return (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Loading the delivery log…
      </p>
    );
  return (
    <Table
      caption="Delivery log: the 50 most recent messages"
      captionVisible
      columns={COLUMNS}
      rows={deliveries}
      rowKey={(d) => d.id}
      density="compact"
      maxHeight="max-h-96"
      empty="Nothing sent to this endpoint yet."
      data-testid="delivery-log"
    />
  );
}
