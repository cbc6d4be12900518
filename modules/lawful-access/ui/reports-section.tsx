"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { ApiProblem } from "@/platform/http/client-fetch";
import { lawfulAccessApi, type TransparencyReport, type TransparencyReports } from "@/modules/lawful-access/client";

/**
 * The region's transparency reports: every period and version (history kept), and "Issue…" for
 * a period that has ended. What is signed holds counts only: the dialog says so.
 */
export function ReportsSection({
  reports,
  mayIssue,
  suggestedPeriod,
  regionName,
  onDone,
}: {
  reports: TransparencyReports;
  mayIssue: boolean;
  suggestedPeriod: string;
  regionName: string;
  onDone: (words: string) => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [period, setPeriod] = useState(suggestedPeriod);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const existing = reports.reports.find((r) => r.period === period.trim() && r.current);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const issued = await lawfulAccessApi.issueReport(period.trim());
      setOpen(false);
      onDone(
        `Issued the transparency report of ${issued.period} (version ${issued.version}, ${issued.report.counts.total} requests), signed and public.`,
      );
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "Nothing was issued: the request failed. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="la-reports-heading" className="space-y-3" data-testid="transparency-reports">
      <h2 id="la-reports-heading" className="text-lg font-semibold">
        Transparency reports
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Counts of the requests received in a period, by kind, disposition and notification, signed by {regionName}
        &apos;s attestation key and published on the{" "}
        <a href="/trust" className="underline">
          trust page
        </a>{" "}
        (
        <a href="/api/v1/transparency-reports" className="underline">
          JSON with history
        </a>
        ). Never a tenant&apos;s name.
      </p>
      {mayIssue && (
        <ConfirmDialog
          trigger="Issue a report…"
          triggerSize="sm"
          title="Issue a transparency report?"
          description={
            <p data-testid="issue-consequence">
              {existing
                ? `${existing.period} was issued already (version ${existing.version}): this adds version ${existing.version + 1}, which supersedes it. Both stay public.`
                : "The counts of the period are signed and published on the public trust page at once."}{" "}
              A period is issued once it is over.
            </p>
          }
          confirmLabel="Issue and publish"
          pendingLabel="Signing…"
          ready={/^\d{4}-(H[12]|Q[1-4])$/.test(period.trim())}
          pending={pending}
          error={error}
          open={open}
          onOpenChange={(isOpen) => {
            setOpen(isOpen);
            setError(null);
          }}
          onConfirm={() => void confirm()}
        >
          <FormField id="la-report-period" label="Period" hint="A half-year (2026-H1) or a quarter (2026-Q3).">
            <input
              id="la-report-period"
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              className={inputClass}
              aria-describedby="la-report-period-hint"
            />
          </FormField>
        </ConfirmDialog>
      )}
      <Table<TransparencyReport>
        caption="Transparency reports, newest period first"
        rows={reports.reports}
        rowKey={(r) => r.id}
        empty="No report issued yet."
        data-testid="reports-table"
        columns={[
          { key: "period", header: "Period", rowHeader: true, cell: (r) => r.period },
          {
            key: "version",
            header: "Version",
            cell: (r) => (
              <span className="inline-flex items-center gap-1.5">
                {r.version}
                {r.current ? <Badge tone="success">Current</Badge> : <Badge>Superseded</Badge>}
              </span>
            ),
          },
          { key: "total", header: "Requests", align: "right", cell: (r) => r.report.counts.total },
          { key: "issued", header: "Issued", cell: (r) => <Time iso={r.issued_at} /> },
          {
            key: "link",
            header: "Signed report",
            cell: (r) => (
              <a href={`/api/v1/transparency-reports/${r.id}`} className="underline">
                JSON
                <span className="sr-only">
                  {" "}
                  of {r.period} version {r.version}
                </span>
              </a>
            ),
          },
        ]}
      />
    </section>
  );
}
