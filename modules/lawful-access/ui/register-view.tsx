"use client";

import { useCallback, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { LawfulAccessRequest } from "@/modules/lawful-access/client";
import type { RegionLawfulAccessPage } from "@/modules/lawful-access/server/page-data";
import { lastEndedHalfYear } from "@/modules/lawful-access/domain/model";
import { CloseDialog } from "@/modules/lawful-access/ui/close-dialog";
import { ReportsSection } from "@/modules/lawful-access/ui/reports-section";
import { RequestForm } from "@/modules/lawful-access/ui/request-form";
import { DISPOSITION_TONES, NOTIFICATION_TONES } from "@/modules/lawful-access/ui/words";

/**
 * The region's lawful-access register for compliance officers: the requests (open first), the
 * form to record or edit one, closing by someone other than its recorder (the server says who may
 * via `allowed_actions` and `four_eyes`), and the transparency reports.
 */
export function LawfulAccessRegisterView({ data }: { data: RegionLawfulAccessPage }) {
  const { register, reports, tenants, me, regionName } = data;
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [status, setStatus] = useState("");
  const [form, setForm] = useState<{ request: LawfulAccessRequest | null } | null>(null);
  const mayRecord = register.allowed_actions.includes("record");
  const done = useCallback((words: string) => {
    setStatus(words);
    setForm(null);
    requestAnimationFrame(() => statusRef.current?.focus());
  }, []);
  const open = register.requests.filter((r) => r.state === "open");
  const closed = register.requests.filter((r) => r.state === "closed");

  const table = (rows: LawfulAccessRequest[], caption: string, empty: string, testid: string) => (
    <Table<LawfulAccessRequest>
      caption={caption}
      captionVisible
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      data-testid={testid}
      rowProps={(r) => ({ "data-request": r.id })}
      columns={[
        {
          key: "authority",
          header: "Authority",
          rowHeader: true,
          cell: (r) => (
            <span>
              {r.authority}{" "}
              <span className="text-slate-600 dark:text-slate-400">
                ({r.jurisdiction_name}) · {r.legal_instrument}
              </span>
            </span>
          ),
        },
        { key: "kind", header: "Kind", cell: (r) => r.kind_label },
        {
          key: "tenants",
          header: "Tenants",
          cell: (r) => (r.tenants.length ? r.tenants.map((t) => t.name).join(", ") : "none"),
        },
        {
          key: "received",
          header: "Received",
          cell: (r) => (
            <span className="space-y-0.5">
              <Time iso={r.received_at} format="date" />
              {r.response_due_at && !r.responded_at && (
                <span className="block text-xs">
                  {r.overdue ? <Badge tone="danger">Overdue</Badge> : "due"}{" "}
                  <Time iso={r.response_due_at} format="date" />
                </span>
              )}
            </span>
          ),
        },
        {
          key: "notification",
          header: "Customer",
          cell: (r) => (
            <span title={r.notification.prohibition_basis ?? undefined}>
              <Badge tone={NOTIFICATION_TONES[r.notification.state]}>{r.notification.state_label}</Badge>
              {r.notification.prohibition_until && (
                <span className="block text-xs">
                  until <Time iso={r.notification.prohibition_until} format="date" />
                </span>
              )}
            </span>
          ),
        },
        {
          key: "disposition",
          header: "Disposition",
          cell: (r) => <Badge tone={DISPOSITION_TONES[r.disposition]}>{r.disposition_label}</Badge>,
        },
        {
          key: "people",
          header: "Recorded / closed by",
          cell: (r) => (
            <span className="text-xs">
              {r.recorded_by.name}
              {r.closed_by ? (
                <>
                  {" "}
                  / {r.closed_by.name}, <Time iso={r.closed_at} format="date" />
                </>
              ) : null}
            </span>
          ),
        },
        {
          key: "actions",
          header: "Actions",
          cell: (r) => (
            <span className="flex flex-wrap items-center gap-1.5">
              {r.allowed_actions.includes("update") && (
                <Button size="xs" onClick={() => setForm({ request: r })}>
                  Edit<span className="sr-only"> the request from {r.authority}</span>
                </Button>
              )}
              {r.allowed_actions.includes("close") && <CloseDialog request={r} me={me} onDone={done} />}
              {r.four_eyes && (
                <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="four-eyes">
                  You recorded it: another compliance officer closes it.
                </span>
              )}
            </span>
          ),
        },
      ]}
    />
  );

  return (
    <div className="mx-auto max-w-6xl space-y-6 p-4 sm:p-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Lawful access</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Government and law-enforcement requests received by {regionName}. The tenants concerned see their entries
          unless a legal prohibition is recorded; a request is closed by a compliance officer who did not record it.
        </p>
      </header>
      <p ref={statusRef} tabIndex={-1} role="status" className="text-sm font-medium" data-testid="la-status">
        {status}
      </p>
      {mayRecord && !form && (
        <Button variant="primary" onClick={() => setForm({ request: null })}>
          Record a request
        </Button>
      )}
      {form && (
        <RequestForm
          key={form.request?.id ?? "new"}
          request={form.request}
          tenants={tenants}
          onDone={done}
          onCancel={() => setForm(null)}
        />
      )}
      {table(open, "Open requests", "No open request.", "la-open")}
      {table(closed, "Closed requests", "No closed request yet.", "la-closed")}
      <ReportsSection
        reports={reports}
        mayIssue={register.allowed_actions.includes("issue_report")}
        suggestedPeriod={lastEndedHalfYear(new Date(register.now))}
        regionName={regionName}
        onDone={done}
      />
    </div>
  );
}
