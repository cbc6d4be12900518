"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/platform/format";
import { ApiProblem } from "@/platform/http/client-fetch";
import { reviewsApi, type ReviewItem, type ReviewPage } from "@/modules/reviews/client";
import { ageWords } from "@/modules/reviews/ui/words";
import { ResolveDialog } from "@/modules/reviews/ui/resolve-dialog";

const STATE_TONE: Record<ReviewItem["state"], BadgeTone> = {
  open: "warning",
  in_review: "info",
  resolved: "success",
  dismissed: "neutral",
};

function problemText(err: unknown): string {
  return err instanceof ApiProblem ? err.message : "The server could not be reached. Try again.";
}

/**
 * The compliance officer's queue: one row per item with kind, tenant, age, due date (overdue in
 * red), assignee by name and state; Claim and Resolve on each row the policy lets the caller
 * act on; and a selection for bulk actions (assign to me for any kind, dismiss only for the
 * kinds the server lists as safe). Every change refreshes the server-rendered page.
 */
export function ReviewQueue({ page }: { page: ReviewPage }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulkRationale, setBulkRationale] = useState("");
  const [bulkPending, setBulkPending] = useState(false);
  const [bulkError, setBulkError] = useState<string | null>(null);

  const actionable = page.items.filter((i) => i.allowed_actions.includes("resolve"));
  const chosen = actionable.filter((i) => selected.has(i.id));
  const dismissable = chosen.length > 0 && chosen.every((i) => i.bulk_dismiss);

  const done = (text: string) => {
    setMessage(text);
    setError(null);
    setSelected(new Set());
    startRefresh(() => router.refresh());
  };

  async function claim(item: ReviewItem) {
    try {
      await reviewsApi.assign(item.id, { assignee: "me" });
      done(`Claimed: ${item.title}.`);
    } catch (err) {
      setError(problemText(err));
    }
  }

  async function bulkAssign() {
    try {
      const r = await reviewsApi.bulk({ action: "assign", ids: chosen.map((i) => i.id), assignee: "me" });
      done(`Assigned ${r.changed} item${r.changed === 1 ? "" : "s"} to you.`);
    } catch (err) {
      setError(problemText(err));
    }
  }

  async function bulkDismiss() {
    setBulkPending(true);
    setBulkError(null);
    try {
      const r = await reviewsApi.bulk({
        action: "dismiss",
        ids: chosen.map((i) => i.id),
        rationale: bulkRationale.trim(),
      });
      setBulkOpen(false);
      setBulkRationale("");
      done(`Dismissed ${r.changed} finding${r.changed === 1 ? "" : "s"}.`);
    } catch (err) {
      setBulkError(problemText(err));
    } finally {
      setBulkPending(false);
    }
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="space-y-3">
      {actionable.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="bulk-bar">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={chosen.length === actionable.length}
              onChange={(e) => setSelected(new Set(e.target.checked ? actionable.map((i) => i.id) : []))}
            />
            Select all on this page
          </label>
          <span className="text-slate-600 dark:text-slate-400">{chosen.length} selected</span>
          <Button size="xs" disabled={chosen.length === 0 || refreshing} onClick={() => void bulkAssign()}>
            Assign to me
          </Button>
          <ConfirmDialog
            trigger="Dismiss…"
            triggerVariant="danger-outline"
            triggerSize="xs"
            triggerDisabled={!dismissable || refreshing}
            title={`Dismiss ${chosen.length} finding${chosen.length === 1 ? "" : "s"}`}
            description={
              <p>
                Each alert or access finding is closed as not needing action, with your rationale; lineage alerts are
                resolved and stay in the tenant&apos;s history and attestations. Only{" "}
                {page.bulk_dismiss_kinds.map((k) => k.replace(/_/g, " ")).join(", ")} items can be dismissed together.
              </p>
            }
            confirmLabel="Dismiss"
            pendingLabel="Dismissing…"
            tone="danger"
            ready={bulkRationale.trim().length > 0}
            pending={bulkPending}
            error={bulkError}
            open={bulkOpen}
            onOpenChange={(o) => {
              setBulkOpen(o);
              setBulkError(null);
            }}
            onConfirm={() => void bulkDismiss()}
          >
            <FormField id="bulk-rationale" label="Rationale" hint="Required, recorded on every item.">
              <textarea
                id="bulk-rationale"
                className={inputClass}
                rows={3}
                maxLength={4000}
                value={bulkRationale}
                onChange={(e) => setBulkRationale(e.target.value)}
                {...fieldAria("bulk-rationale", { hint: true })}
              />
            </FormField>
          </ConfirmDialog>
          {chosen.length > 0 && !dismissable && (
            <span className="text-xs text-slate-600 dark:text-slate-400">
              Dismissing together is only for alerts and access findings.
            </span>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <span role="status" aria-live="polite" className="sr-only" data-testid="queue-status">
        {message}
      </span>
      <Table
        caption={`Review items (${formatCount(page.total)})`}
        rows={page.items}
        rowKey={(i) => i.id}
        empty="Nothing matches these filters."
        data-testid="review-items"
        rowProps={(i) => ({ "data-item": i.id, "data-kind": i.kind, "data-overdue": String(i.overdue) })}
        columns={[
          {
            key: "select",
            header: "",
            srHeader: "Select",
            cell: (i) =>
              i.allowed_actions.includes("resolve") ? (
                <input
                  type="checkbox"
                  aria-label={`Select ${i.title}`}
                  checked={selected.has(i.id)}
                  onChange={() => toggle(i.id)}
                />
              ) : null,
          },
          {
            key: "item",
            header: "Item",
            rowHeader: true,
            cell: (i) => (
              <>
                <span className="block text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
                  {i.kind_label}
                </span>
                <span className="block max-w-md break-words">{i.title}</span>
                {i.link && (
                  <Link href={i.link} className="text-xs text-brand-700 underline dark:text-brand-100">
                    Open the source
                  </Link>
                )}
              </>
            ),
          },
          { key: "tenant", header: "Tenant", cell: (i) => i.tenant?.name ?? <span className="italic">Region</span> },
          { key: "age", header: "Age", cell: (i) => ageWords(i.age_seconds), className: "whitespace-nowrap" },
          {
            key: "due",
            header: "Due",
            cell: (i) => (
              <span className={i.overdue ? "font-medium text-red-700 dark:text-red-300" : undefined}>
                <Time iso={i.due_at} />
                {i.overdue && <span className="block text-xs">overdue</span>}
              </span>
            ),
          },
          { key: "assignee", header: "Assignee", cell: (i) => i.assignee?.name ?? "—" },
          {
            key: "state",
            header: "State",
            cell: (i) => (
              <>
                <Badge tone={STATE_TONE[i.state]}>{i.state_label}</Badge>
                {i.outcome_label && <span className="block text-xs">{i.outcome_label}</span>}
                {i.rationale && (
                  <p className="max-w-xs break-words text-xs text-slate-600 dark:text-slate-400">{i.rationale}</p>
                )}
              </>
            ),
          },
          {
            key: "actions",
            header: "",
            srHeader: "Actions",
            cell: (i) =>
              i.allowed_actions.includes("resolve") ? (
                <div className="flex flex-wrap gap-1">
                  {i.state === "open" && (
                    <Button size="xs" variant="ghost" disabled={refreshing} onClick={() => void claim(i)}>
                      Claim
                    </Button>
                  )}
                  <ResolveDialog item={i} onDone={done} />
                </div>
              ) : i.state === "open" || i.state === "in_review" ? (
                <span className="text-xs text-slate-600 dark:text-slate-400">Your own work</span>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
