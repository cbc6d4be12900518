import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { Objection } from "@/modules/subprocessors/client";
import { objectionStateWords } from "@/modules/subprocessors/ui/tenant-words";

/** An objection's state: open (red once overdue) or its outcome. */
export function ObjectionBadge({ objection }: { objection: Objection }) {
  if (objection.state === "resolved") return <Badge tone="success">{objection.outcome_label ?? "Resolved"}</Badge>;
  return <Badge tone={objection.overdue ? "danger" : "warning"}>{objection.overdue ? "Open, overdue" : "Open"}</Badge>;
}

/** The resolution as the tenant reads it: the outcome, the written text and who wrote it, by name. */
export function ObjectionResolution({ objection }: { objection: Objection }) {
  if (objection.state !== "resolved")
    return (
      <span className={objection.overdue ? "font-medium text-red-700 dark:text-red-300" : undefined}>
        {objectionStateWords(objection)}
      </span>
    );
  return (
    <div className="space-y-1">
      <p className="whitespace-pre-line break-words">{objection.resolution}</p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {objection.resolved_by?.name ?? "A compliance officer"}, <Time iso={objection.resolved_at} />
      </p>
    </div>
  );
}

/** The tenant's objections with their state, outcome and resolution. */
export function TenantObjections({ objections }: { objections: Objection[] }) {
  return (
    <Table
      caption="Your objections to subprocessor changes"
      captionVisible
      rows={objections}
      rowKey={(o) => o.id}
      empty="Your tenant has not objected to any subprocessor change."
      data-testid="tenant-objections"
      columns={[
        {
          key: "change",
          header: "Change",
          rowHeader: true,
          cell: (o) => (
            <>
              <span className="font-medium">{o.subprocessor_name}</span>
              <div className="text-xs text-slate-600 dark:text-slate-400">
                effective <Time iso={o.change_effective_at} fallback="—" />
              </div>
            </>
          ),
        },
        {
          key: "reason",
          header: "Reason",
          cell: (o) => (
            <>
              <p className="whitespace-pre-line break-words">{o.reason}</p>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {o.raised_by.name}, <Time iso={o.created_at} />
              </p>
            </>
          ),
        },
        { key: "state", header: "State", cell: (o) => <ObjectionBadge objection={o} /> },
        { key: "resolution", header: "Resolution", cell: (o) => <ObjectionResolution objection={o} /> },
      ]}
    />
  );
}
