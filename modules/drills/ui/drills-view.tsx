"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { QueryProvider } from "@/components/ui/query-provider";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatMillis } from "@/platform/format";
import {
  drillKeys,
  drillsApi,
  type ConsentState,
  type Drill,
  type DrillList,
  type ScheduleList,
} from "@/modules/drills/client";
import { DRILL_CONSEQUENCES, DRILL_KIND_LABELS, DRILL_KINDS, type DrillKind } from "@/modules/drills/domain/model";
import { ConsentPanel } from "@/modules/drills/ui/consent-panel";
import { SchedulesPanel } from "@/modules/drills/ui/schedules-panel";
import { drillOutcome, HEADLINE_LABEL, headlineMs, stepLabel } from "@/modules/drills/ui/drill-words";

// recharts is large: the trend comes with it after the page, never in its first load (and is
// drawn only from two drills on, so nothing holds its place meanwhile).
const DrillsTrend = dynamic(() => import("@/modules/drills/ui/drills-trend").then((m) => m.DrillsTrend), {
  ssr: false,
});

interface DrillsViewProps {
  initial: DrillList;
  consent: ConsentState;
  schedules: ScheduleList;
}

/** A tenant's drills: start one, follow it while it runs, the history with reports, the trend, schedules, the consent. */
export function DrillsView(props: DrillsViewProps) {
  return (
    <QueryProvider>
      <Drills {...props} />
    </QueryProvider>
  );
}

function Drills({ initial, consent, schedules }: DrillsViewProps) {
  const tenant = initial.tenant.slug;
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: drillKeys.list(tenant),
    queryFn: () => drillsApi.list(tenant),
    initialData: initial,
    // While a drill runs, follow its steps.
    refetchInterval: (q) => (q.state.data?.drills.some((d) => d.state === "running") ? 1000 : false),
  });
  const [kind, setKind] = useState<DrillKind>("key_revocation");
  const [open, setOpen] = useState(false);
  const start = useMutation({
    mutationFn: () => drillsApi.start(tenant, kind),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: drillKeys.list(tenant) });
    },
  });
  const drills = data.drills;
  const running = drills.find((d) => d.state === "running");
  const mayStart = data.allowed_actions.includes("drills.start");
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A drill proves a residency control on the live service and ends with a report signed by the region (DSSE), which
        evidence packages include.
      </p>
      {mayStart && (
        <section
          aria-labelledby="start-title"
          className="space-y-2 rounded border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="start-title" className="text-base font-semibold">
            Run a drill
          </h2>
          <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
            <FormField id="drill-kind" label="Drill" hint={DRILL_CONSEQUENCES[kind]}>
              <select
                id="drill-kind"
                className={inputClass}
                value={kind}
                onChange={(e) => setKind(e.target.value as DrillKind)}
                {...fieldAria("drill-kind", { hint: true })}
              >
                {DRILL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {DRILL_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </FormField>
            <ConfirmDialog
              trigger="Start drill"
              triggerDisabled={running !== undefined}
              title={`Start a ${DRILL_KIND_LABELS[kind].toLowerCase()} drill?`}
              description={DRILL_CONSEQUENCES[kind]}
              confirmLabel="Start drill"
              pendingLabel="Starting…"
              pending={start.isPending}
              error={start.error?.message ?? null}
              open={open}
              onOpenChange={setOpen}
              onConfirm={() => start.mutate()}
            />
          </div>
        </section>
      )}
      {running && <RunningDrill drill={running} />}
      <DrillsTrend drills={drills} />
      <Table
        caption="Drills of this tenant, newest first"
        captionVisible
        rows={drills}
        rowKey={(d) => d.id}
        empty="No drills yet."
        columns={[
          {
            key: "started",
            header: "Started",
            cell: (d) => <Time iso={d.started_at} />,
            className: "whitespace-nowrap",
          },
          { key: "kind", header: "Drill", rowHeader: true, cell: (d) => DRILL_KIND_LABELS[d.kind] },
          { key: "outcome", header: "Outcome", cell: (d) => <Outcome drill={d} /> },
          { key: "by", header: "Started by", cell: (d) => (d.scheduled ? "Schedule" : (d.started_by?.name ?? "—")) },
          { key: "figure", header: "Figure", cell: (d) => <Figure drill={d} /> },
          {
            key: "report",
            header: "Report",
            cell: (d) =>
              d.report_sha256 ? (
                <a className="underline" href={drillsApi.reportUrl(tenant, d.id)} download>
                  Signed report
                </a>
              ) : (
                "—"
              ),
          },
        ]}
      />
      <SchedulesPanel tenant={initial.tenant} initial={schedules} />
      <ConsentPanel tenant={tenant} state={consent} />
    </div>
  );
}

function Outcome({ drill }: { drill: Drill }) {
  const o = drillOutcome(drill);
  return (
    <div className="space-y-1">
      <Badge tone={o.tone}>{o.label}</Badge>
      {drill.failure && <p className="text-xs">{drill.failure}</p>}
      {drill.left_to_do.length > 0 && (
        <div className="text-xs">
          <p className="font-medium">Left to do:</p>
          <ul className="list-disc pl-4">
            {drill.left_to_do.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Figure({ drill }: { drill: Drill }) {
  const ms = headlineMs(drill);
  if (ms === null) return <>—</>;
  return (
    <span className="whitespace-nowrap">
      {formatMillis(ms)}{" "}
      <span className="text-xs text-slate-600 dark:text-slate-400">{HEADLINE_LABEL[drill.kind]}</span>
    </span>
  );
}

function RunningDrill({ drill }: { drill: Drill }) {
  return (
    <section
      aria-labelledby="running-title"
      aria-live="polite"
      className="rounded border border-sky-300 bg-sky-50 p-4 dark:border-sky-800 dark:bg-sky-950"
      data-testid="running-drill"
    >
      <h2 id="running-title" className="text-base font-semibold">
        {DRILL_KIND_LABELS[drill.kind]} drill running
      </h2>
      <ol className="mt-2 list-decimal space-y-0.5 pl-5 text-sm">
        {drill.result.steps.map((s) => (
          <li key={`${s.step}-${s.at}`}>
            {stepLabel(s.step)}: {s.outcome === "ok" ? "done" : "failed"} in {formatMillis(s.ms)}
            {s.detail ? ` (${s.detail})` : ""}
          </li>
        ))}
        {drill.result.steps.length === 0 && <li>Waiting for the job queue…</li>}
      </ol>
    </section>
  );
}
