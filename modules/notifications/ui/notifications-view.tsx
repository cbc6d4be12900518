"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { NotificationList, NotificationView } from "@/modules/notifications/api-schemas";
import { NOTIFICATIONS_CHANGED, notificationsApi } from "@/modules/notifications/client";

function announce(unread: number) {
  window.dispatchEvent(new CustomEvent(NOTIFICATIONS_CHANGED, { detail: { unread } }));
}

/**
 * The person's notifications, newest first: unread ones marked, each with its event, tenant,
 * time (with zone) and a link to where it happened; mark one or all read.
 */
export function NotificationsView({ initial, email }: { initial: NotificationList; email: string | null }) {
  const [items, setItems] = useState<NotificationView[]>(initial.notifications);
  const [unread, setUnread] = useState(initial.unread);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function markRead(id: string) {
    setBusy(id);
    setError(null);
    try {
      const result = await notificationsApi.read(id);
      setItems((list) => list.map((n) => (n.id === id ? result.notification : n)));
      setUnread(result.unread);
      announce(result.unread);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not mark it read.");
    } finally {
      setBusy(null);
    }
  }

  async function markAll() {
    setBusy("all");
    setError(null);
    try {
      const result = await notificationsApi.readAll();
      const now = new Date().toISOString();
      setItems((list) => list.map((n) => (n.read_at ? n : { ...n, read_at: now })));
      setUnread(result.unread);
      announce(result.unread);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not mark them read.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="mx-auto max-w-4xl space-y-6 p-4 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Notifications</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
            {unread === 0 ? "Nothing unread." : `${unread} unread.`}{" "}
            {email
              ? `Each one is also e-mailed to ${email}.`
              : "E-mail is not set up on this instance: notifications are shown here only."}
          </p>
        </div>
        <Button onClick={() => void markAll()} disabled={unread === 0} loading={busy === "all"} loadingText="Marking…">
          Mark all read
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 p-6 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
          No notifications yet. Support-access requests, approvals and alerts about your tenants appear here.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
          aria-label="Your notifications"
        >
          {items.map((n) => (
            <li
              key={n.id}
              className={`flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between ${n.read_at ? "" : "bg-brand-50/60 dark:bg-slate-900"}`}
              data-testid="notification"
              data-unread={n.read_at ? undefined : ""}
            >
              <div className="min-w-0 space-y-1">
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                  {!n.read_at && <Badge tone="info">Unread</Badge>}
                  <span>{n.event_label}</span>
                  {n.tenant && <span className="font-mono">{n.tenant}</span>}
                  <Time iso={n.created_at} />
                </div>
                <p className="font-medium break-words">
                  {n.link ? (
                    <Link href={n.link} className="underline-offset-2 hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                {n.body && <p className="text-sm break-words text-slate-700 dark:text-slate-300">{n.body}</p>}
              </div>
              {!n.read_at && (
                <Button
                  size="xs"
                  variant="ghost"
                  className="self-start"
                  onClick={() => void markRead(n.id)}
                  loading={busy === n.id}
                  loadingText="Marking…"
                  aria-label={`Mark read: ${n.title}`}
                >
                  Mark read
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
