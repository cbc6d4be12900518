import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { FormError, FormField, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import {
  formatAxisTime,
  formatBytes,
  formatCount,
  formatDate,
  formatDay,
  formatDuration,
  formatMillis,
  formatMonth,
  formatPercent,
  humanize,
} from "@/platform/format";
import type { PeriodMetricsView } from "@/modules/governance/api-schemas";
import { ChartSlot } from "@/modules/governance/ui/chart-slot";
import { VERDICT_LABELS } from "@/modules/governance/ui/governance-words";

const CARD = "rounded-lg border border-slate-200 p-4 dark:border-slate-800";
const MUTED = "text-sm text-slate-600 dark:text-slate-400";
// Not the tiers' colours (platform/region/tier.ts): a series is not a tier.
const COLOURS = { records: "#1f7a68", bytes: "#0e7490", keys: "#be185d", outside: "#dc2626", within: "#64748b" };

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The period picker: a plain GET form (works without JavaScript) and a few common periods. */
export function PeriodPicker({
  view,
  today,
  problem,
  csvHref,
}: {
  view: Pick<PeriodMetricsView, "from" | "to">;
  today: string;
  problem: string | null;
  csvHref: string;
}) {
  const presets = [7, 30, 90, 365].map((n) => ({ n, href: `?from=${addDays(today, -(n - 1))}&to=${today}` }));
  return (
    <section aria-labelledby="period-heading" className={CARD}>
      <h2 id="period-heading" className="text-base font-semibold">
        Period
      </h2>
      <form method="get" className="mt-2 flex flex-wrap items-end gap-3" aria-describedby="period-error">
        <FormField id="period-from" label="From (UTC day)" className="w-40">
          <input id="period-from" name="from" type="date" defaultValue={view.from} max={today} className={inputClass} />
        </FormField>
        <FormField id="period-to" label="To (UTC day)" className="w-40">
          <input id="period-to" name="to" type="date" defaultValue={view.to} max={today} className={inputClass} />
        </FormField>
        <button type="submit" className={buttonClass({ variant: "primary", size: "sm" })}>
          Show
        </button>
        <a href={csvHref} download className={buttonClass({ variant: "secondary", size: "sm" })} data-testid="csv">
          Download CSV
        </a>
      </form>
      <div className="mt-2">
        <FormError id="period-error" message={problem} />
      </div>
      <p className={`${MUTED} mt-2`}>
        Last{" "}
        {presets.map((p, i) => (
          <span key={p.n}>
            {i > 0 && " · "}
            <a href={p.href} className="underline underline-offset-2">
              {p.n} days
            </a>
          </span>
        ))}
      </p>
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid={testId}>
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={`${CARD} space-y-3`}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {intro && <p className={MUTED}>{intro}</p>}
      {children}
    </section>
  );
}

/** Every figure of a period, for a tenant or the region: headline, charts with their tables, the rest as tables. */
export function MetricsView({ view, subject }: { view: PeriodMetricsView; subject: string }) {
  const residency = view.residency.data_classes;
  const totalOutside = view.support.months.reduce((n, m) => n + m.outside_grant, 0);
  const trendData = view.trend.map((t) => ({
    day: formatAxisTime(t.day, "day"),
    records: t.records_share,
    bytes: t.bytes_share,
    keys: t.key_coverage,
  }));
  return (
    <div className="space-y-6">
      <p className={MUTED} data-testid="sources">
        {subject}, {formatDay(view.from)} to {formatDay(view.to)} (UTC days). Today&apos;s figures are live, computed{" "}
        <Time iso={view.generated_at} />; earlier days come from the daily snapshots ({view.sources.snapshot_days}{" "}
        {view.sources.snapshot_days === 1 ? "day" : "days"}).
        {view.sources.days_without_state > 0 &&
          ` ${view.sources.days_without_state} ${view.sources.days_without_state === 1 ? "day has" : "days have"} no snapshot: their events are recomputed, but how things stood on them is not known.`}{" "}
        {view.state_as_of
          ? `Residency, flows, open items and keys as on ${formatDate(view.state_as_of)}.`
          : "No day of this period has residency, flow or key figures."}
      </p>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Headline figures">
        <Figure
          label="Records in the home region"
          value={formatPercent(view.residency.overall.records_share)}
          testId="figure-records"
        />
        <Figure label="Bytes in the home region" value={formatPercent(view.residency.overall.bytes_share)} />
        <Figure label="Open border violations" value={formatCount(view.violations.open)} testId="figure-violations" />
        <Figure label="Keys rotated within their period" value={formatPercent(view.keys.coverage)} />
        <Figure
          label="Time to revoke (p50 / p99)"
          value={`${formatMillis(view.revocation.p50_ms)} / ${formatMillis(view.revocation.p99_ms)}`}
        />
        <Figure label="Accesses outside a grant" value={formatCount(totalOutside)} />
      </dl>

      <Section
        id="residency-heading"
        title="Data held in the home region"
        intro="Per data class, the share of the records and bytes your stores report that sit in the home region. A store's counts count for every class it holds."
      >
        {residency.length > 0 && (
          <ChartSlot
            spec={{
              kind: "bar",
              percent: true,
              x: "data_class",
              data: residency.map((r) => ({
                data_class: humanize(r.data_class),
                records: r.records_share,
                bytes: r.bytes_share,
              })),
              series: [
                { key: "records", name: "Records", colour: COLOURS.records },
                { key: "bytes", name: "Bytes", colour: COLOURS.bytes },
              ],
            }}
          />
        )}
        <Table
          caption="Data held in the home region, by data class"
          rows={residency}
          rowKey={(r) => r.data_class}
          empty="No store reports a data class."
          columns={[
            { key: "class", header: "Data class", rowHeader: true, cell: (r) => humanize(r.data_class) },
            { key: "rs", header: "Records at home", align: "right", cell: (r) => formatPercent(r.records_share) },
            {
              key: "r",
              header: "Records (home / all)",
              align: "right",
              cell: (r) => `${formatCount(r.records_home)} / ${formatCount(r.records_total)}`,
            },
            { key: "bs", header: "Bytes at home", align: "right", cell: (r) => formatPercent(r.bytes_share) },
            {
              key: "b",
              header: "Bytes (home / all)",
              align: "right",
              cell: (r) => `${formatBytes(r.bytes_home)} / ${formatBytes(r.bytes_total)}`,
            },
          ]}
        />
        {view.residency.stores_without_counts > 0 && (
          <p className={MUTED}>
            {view.residency.stores_without_counts === 1
              ? "1 store has"
              : `${view.residency.stores_without_counts} stores have`}{" "}
            not reported counts; they count as nothing here.
          </p>
        )}
      </Section>

      <Section
        id="trend-heading"
        title="Day by day"
        intro="The share of records and bytes in the home region and the key-rotation coverage on each day (UTC) that has them."
      >
        <ChartSlot
          spec={{
            kind: "line-percent",
            x: "day",
            data: trendData,
            series: [
              { key: "records", name: "Records at home", colour: COLOURS.records },
              { key: "bytes", name: "Bytes at home", colour: COLOURS.bytes },
              { key: "keys", name: "Keys rotated in period", colour: COLOURS.keys },
            ],
          }}
        />
        <details>
          <summary className="cursor-pointer text-sm font-medium">The days as a table</summary>
          <Table
            caption="Governance figures day by day"
            density="compact"
            maxHeight="max-h-96"
            rows={view.trend}
            rowKey={(t) => t.day}
            empty="No days."
            columns={[
              {
                key: "day",
                header: "Day (UTC)",
                rowHeader: true,
                cell: (t) => formatDay(t.day),
                className: "whitespace-nowrap",
              },
              { key: "r", header: "Records at home", align: "right", cell: (t) => formatPercent(t.records_share) },
              { key: "b", header: "Bytes at home", align: "right", cell: (t) => formatPercent(t.bytes_share) },
              { key: "k", header: "Keys in period", align: "right", cell: (t) => formatPercent(t.key_coverage) },
              {
                key: "v",
                header: "Open violations",
                align: "right",
                cell: (t) => (t.open_violations === null ? "no data" : formatCount(t.open_violations)),
              },
              { key: "a", header: "Alerts raised", align: "right", cell: (t) => formatCount(t.alerts_raised) },
              { key: "o", header: "Outside a grant", align: "right", cell: (t) => formatCount(t.outside_grant) },
            ]}
          />
        </details>
      </Section>

      <Section
        id="flows-heading"
        title="Cross-border flows"
        intro="Lineage flows that cross a region or reach a subprocessor, by how your sharing decisions judge them."
      >
        <Table
          caption="Cross-border flows by verdict"
          rows={view.flows}
          rowKey={(f) => f.verdict}
          empty="No flow crosses a border."
          columns={[
            {
              key: "v",
              header: "Verdict",
              rowHeader: true,
              cell: (f) => VERDICT_LABELS[f.verdict] ?? humanize(f.verdict),
            },
            { key: "e", header: "Flows", align: "right", cell: (f) => formatCount(f.edges) },
            { key: "r", header: "Runs", align: "right", cell: (f) => formatCount(f.runs) },
          ]}
        />
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Border violations">
          <Figure label="Open violations" value={formatCount(view.violations.open)} />
          <Figure label="Oldest open for" value={formatDuration(view.violations.oldest_age_seconds)} />
          <Figure label="Alerts raised in the period" value={formatCount(view.violations.raised)} />
          <Figure label="Alerts resolved in the period" value={formatCount(view.violations.resolved)} />
        </dl>
      </Section>

      <Section
        id="reviews-heading"
        title="Reviews"
        intro="How long review items took from opening to being resolved or dismissed in the period, and what is open now."
      >
        <Table
          caption="Time to resolve review items, by kind"
          rows={view.reviews}
          rowKey={(r) => r.kind}
          empty="No review items."
          columns={[
            { key: "k", header: "Kind", rowHeader: true, cell: (r) => humanize(r.kind) },
            { key: "c", header: "Closed", align: "right", cell: (r) => formatCount(r.closed) },
            { key: "p50", header: "p50", align: "right", cell: (r) => formatDuration(r.p50_seconds) },
            { key: "p90", header: "p90", align: "right", cell: (r) => formatDuration(r.p90_seconds) },
            { key: "o", header: "Open", align: "right", cell: (r) => formatCount(r.open) },
            { key: "d", header: "Overdue", align: "right", cell: (r) => formatCount(r.overdue) },
          ]}
        />
      </Section>

      <Section id="keys-heading" title="Keys">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Keys and revocation">
          <Figure
            label="Enabled keys rotated within their period"
            value={`${formatCount(view.keys.rotated_within_period)} of ${formatCount(view.keys.total)}`}
          />
          <Figure label="Coverage" value={formatPercent(view.keys.coverage)} />
          <Figure label="Revocation receipts" value={formatCount(view.revocation.receipts)} />
          <Figure
            label="Time to revoke p50 / p99"
            value={`${formatMillis(view.revocation.p50_ms)} / ${formatMillis(view.revocation.p99_ms)}`}
          />
        </dl>
      </Section>

      <Section
        id="support-heading"
        title="Support access"
        intro="Accesses to your data by provider staff per month, how long approvals took, and accesses outside any grant."
      >
        {view.support.months.length > 1 && (
          <ChartSlot
            spec={{
              kind: "bar",
              x: "month",
              data: view.support.months.map((m) => ({
                month: formatMonth(m.month),
                within: m.accesses - m.outside_grant,
                outside: m.outside_grant,
              })),
              series: [
                { key: "within", name: "Within a grant", colour: COLOURS.within },
                { key: "outside", name: "Outside a grant", colour: COLOURS.outside },
              ],
            }}
          />
        )}
        <Table
          caption="Support access by month"
          rows={view.support.months}
          rowKey={(m) => m.month}
          empty="No days in the period."
          columns={[
            { key: "m", header: "Month", rowHeader: true, cell: (m) => formatMonth(m.month) },
            { key: "r", header: "Requests", align: "right", cell: (m) => formatCount(m.requests) },
            { key: "a", header: "Accesses", align: "right", cell: (m) => formatCount(m.accesses) },
            { key: "o", header: "Outside a grant", align: "right", cell: (m) => formatCount(m.outside_grant) },
            { key: "n", header: "Approved", align: "right", cell: (m) => formatCount(m.approvals) },
            { key: "p50", header: "Approval p50", align: "right", cell: (m) => formatDuration(m.approval_p50_seconds) },
            { key: "p90", header: "Approval p90", align: "right", cell: (m) => formatDuration(m.approval_p90_seconds) },
          ]}
        />
      </Section>

      <Section id="subprocessors-heading" title="Subprocessors">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Subprocessor changes and objections">
          <Figure label="Changes announced in the region" value={formatCount(view.subprocessors.changes)} />
          <Figure label="Objections raised" value={formatCount(view.subprocessors.objections_raised)} />
          <Figure label="Objections resolved" value={formatCount(view.subprocessors.objections_resolved)} />
        </dl>
      </Section>
    </div>
  );
}
