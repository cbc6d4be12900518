import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { Objection, RegionObjections } from "@/modules/subprocessors/client";
import { ResolveButton } from "@/modules/subprocessors/ui/objections-resolve-dialog";
import { ObjectionBadge, ObjectionResolution } from "@/modules/subprocessors/ui/tenant-objections";
import { ageWords } from "@/modules/subprocessors/ui/tenant-words";

function ChangeCell({ o }: { o: Objection }) {
  return (
    <>
      <span className="font-medium">{o.subprocessor_name}</span>
      <div className="text-xs text-slate-600 dark:text-slate-400">
        {o.change_state === "withdrawn" ? (
          "withdrawn"
        ) : (
          <>
            effective <Time iso={o.change_effective_at} fallback="—" />
          </>
        )}
      </div>
    </>
  );
}

function TenantCell({ o }: { o: Objection }) {
  return (
    <>
      <span className="font-medium">{o.tenant.name}</span>
      <div className="text-xs text-slate-600 dark:text-slate-400">{o.tenant.slug}</div>
    </>
  );
}

/**
 * The compliance officers' queue: open objections, oldest due first (overdue in red), each with
 * the tenant, the change, the reason, its age and due date and a Resolve dialog; then the
 * resolved history with outcome, resolution and who resolved it.
 */
export function ObjectionsQueue({ view }: { view: RegionObjections }) {
  const open = view.objections.filter((o) => o.state === "open");
  const resolved = view.objections.filter((o) => o.state === "resolved");
  const canResolve = view.allowed_actions.includes("resolve");
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-4 sm:p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Objections to subprocessor changes</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Customers&apos; objections to announced changes of the {view.region} register. Each is resolved in writing by
          its due date; the tenant&apos;s admins read the outcome and the resolution.
        </p>
      </header>
      <Table
        caption={`Open objections (${open.length})`}
        captionVisible
        rows={open}
        rowKey={(o) => o.id}
        empty="No objection is waiting."
        data-testid="open-objections"
        rowProps={(o) => ({ "data-objection": o.id, "data-overdue": String(o.overdue) })}
        columns={[
          { key: "tenant", header: "Tenant", rowHeader: true, cell: (o) => <TenantCell o={o} /> },
          { key: "change", header: "Change", cell: (o) => <ChangeCell o={o} /> },
          {
            key: "reason",
            header: "Reason",
            cell: (o) => (
              <>
                <p className="max-w-md whitespace-pre-line break-words">{o.reason}</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">{o.raised_by.name}</p>
              </>
            ),
          },
          { key: "age", header: "Age", cell: (o) => ageWords(o.created_at, view.now), className: "whitespace-nowrap" },
          {
            key: "due",
            header: "Due",
            cell: (o) => (
              <span className={o.overdue ? "font-medium text-red-700 dark:text-red-300" : undefined}>
                <Time iso={o.due_at} />
                {o.overdue && <span className="block text-xs">overdue</span>}
              </span>
            ),
          },
          ...(canResolve
            ? [
                {
                  key: "resolve",
                  header: "",
                  srHeader: "Resolve",
                  cell: (o: Objection) => <ResolveButton objection={o} />,
                },
              ]
            : []),
        ]}
      />
      <Table
        caption={`Resolved (${resolved.length})`}
        captionVisible
        rows={resolved}
        rowKey={(o) => o.id}
        empty="No objection has been resolved yet."
        data-testid="resolved-objections"
        columns={[
          { key: "tenant", header: "Tenant", rowHeader: true, cell: (o) => <TenantCell o={o} /> },
          { key: "change", header: "Change", cell: (o) => <ChangeCell o={o} /> },
          {
            key: "reason",
            header: "Reason",
            cell: (o) => <p className="max-w-sm whitespace-pre-line break-words">{o.reason}</p>,
          },
          { key: "outcome", header: "Outcome", cell: (o) => <ObjectionBadge objection={o} /> },
          { key: "resolution", header: "Resolution", cell: (o) => <ObjectionResolution objection={o} /> },
        ]}
      />
    </div>
  );
}
