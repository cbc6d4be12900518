import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import type { CrossBorderPair } from "@/modules/lineage/client";
import { OUTCOME_RANK } from "@/modules/lineage/domain/evaluation";
import { SortableTable } from "@/components/ui/sortable-table";
import type { Column } from "@/components/ui/table";

const place = (r: string | null) => r ?? "region unknown";
const columns = (nameOf: (key: string) => string): Column<CrossBorderPair>[] => [
  { key: "from", header: "From", rowHeader: true, sortValue: (p) => place(p.from), cell: (p) => place(p.from) },
  { key: "to", header: "To", sortValue: (p) => place(p.to), cell: (p) => place(p.to) },
  {
    key: "evaluation",
    header: "Evaluation",
    // Ascending: the least serious first; descending puts violations on top.
    sortValue: (p) => OUTCOME_RANK[p.worst],
    cell: (p) => <span className={`font-medium ${OUTCOME_STYLE[p.worst].text}`}>{OUTCOME_STYLE[p.worst].label}</span>,
  },
  {
    key: "flows",
    header: "Flows",
    sortValue: (p) => p.flows,
    cell: (p) => (
      <>
        {p.flows} <span className="text-slate-500">({p.observations} observations)</span>
      </>
    ),
  },
  {
    key: "violations",
    header: "Violations",
    sortValue: (p) => p.outcomes.violation,
    cell: (p) => p.outcomes.violation,
  },
  { key: "classes", header: "Data classes", cell: (p) => p.data_classes.map(nameOf).join(", ") || "—" },
  { key: "subprocessors", header: "Subprocessors", cell: (p) => p.subprocessors.join(", ") || "—" },
];

/** Border-crossing flows per region pair, as a table: the same facts as the graph's aggregated edges. */
export function CrossBorderTable({
  pairs,
  caption,
  nameOf = (key) => key,
}: {
  pairs: CrossBorderPair[];
  caption: string;
  /** A data class's name by its key (keys where no names are at hand). */
  nameOf?: (key: string) => string;
}) {
  return (
    <SortableTable
      data-testid="cross-border-table"
      caption={caption}
      captionVisible
      columns={columns(nameOf)}
      rows={pairs}
      rowKey={(p) => `${p.from}>${p.to}`}
      rowProps={(p) => ({ "data-outcome": p.worst })}
      empty="No flow crosses a border."
    />
  );
}
