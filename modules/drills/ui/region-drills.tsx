import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { RegionDrills } from "@/modules/drills/client";
import { DRILL_KIND_LABELS } from "@/modules/drills/domain/model";
import { DrillsSummary } from "@/modules/drills/ui/drills-summary";
import { everyWords } from "@/modules/drills/ui/schedule-words";

/** The compliance desk's view of the region's drills: recent ones across tenants, and the schedule. */
export function RegionDrillsView({ view }: { view: RegionDrills }) {
  return (
    <div className="space-y-6">
      <DrillsSummary drills={view.drills} limit={20} />
      <Table
        caption="Scheduled drills, next first"
        captionVisible
        rows={view.schedules}
        rowKey={(s) => s.id}
        empty="No drill is scheduled. A tenant's customer admin or a compliance officer sets one in the Schedules panel of the tenant's Drills tab (Governance, then Drills), or with POST …/drill-schedules."
        columns={[
          {
            key: "next",
            header: "Next run",
            cell: (s) => <Time iso={s.next_run_at} />,
            className: "whitespace-nowrap",
          },
          { key: "tenant", header: "Tenant", rowHeader: true, cell: (s) => s.tenant.name },
          { key: "kind", header: "Drill", cell: (s) => DRILL_KIND_LABELS[s.kind] },
          { key: "every", header: "How often", cell: (s) => everyWords(s.every_days) },
          { key: "last", header: "Last run", cell: (s) => s.last_note ?? "—" },
        ]}
      />
    </div>
  );
}
