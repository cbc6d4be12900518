import { OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import type { CrossBorderPair } from "@/modules/lineage/client";

const place = (r: string | null) => r ?? "region unknown";

/** Border-crossing flows per region pair, as a table: the same facts as the graph's aggregated edges. */
export function CrossBorderTable({ pairs, caption }: { pairs: CrossBorderPair[]; caption: string }) {
  if (pairs.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No flow crosses a border.</p>;
  return (
    <div className="overflow-auto" tabIndex={0}>
      <table className="min-w-full text-sm" data-testid="cross-border-table">
        <caption className="mb-1 text-left text-sm font-semibold">{caption}</caption>
        <thead className="text-left text-slate-500">
          <tr>
            <th scope="col" className="p-2">
              From
            </th>
            <th scope="col" className="p-2">
              To
            </th>
            <th scope="col" className="p-2">
              Evaluation
            </th>
            <th scope="col" className="p-2">
              Flows
            </th>
            <th scope="col" className="p-2">
              Violations
            </th>
            <th scope="col" className="p-2">
              Data classes
            </th>
            <th scope="col" className="p-2">
              Subprocessors
            </th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p) => {
            const s = OUTCOME_STYLE[p.worst];
            return (
              <tr
                key={`${p.from}>${p.to}`}
                className="border-t border-slate-100 dark:border-slate-800"
                data-outcome={p.worst}
              >
                <th scope="row" className="p-2 text-left font-normal">
                  {place(p.from)}
                </th>
                <td className="p-2">{place(p.to)}</td>
                <td className={`p-2 font-medium ${s.text}`}>{s.label}</td>
                <td className="p-2">
                  {p.flows} <span className="text-slate-500">({p.observations} observations)</span>
                </td>
                <td className="p-2">{p.outcomes.violation}</td>
                <td className="p-2">{p.data_classes.join(", ") || "—"}</td>
                <td className="p-2">{p.subprocessors.join(", ") || "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
