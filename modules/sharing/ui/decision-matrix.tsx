"use client";

import type { DecisionMatrix } from "@/modules/sharing/client";
import { formatDateTime } from "@/platform/format";
import { OUTCOME_META, OutcomeLabel, STATE_LABEL } from "@/modules/sharing/ui/outcome";

interface Props {
  matrix: DecisionMatrix;
  onOpen: (decisionId: string) => void;
}

/**
 * Data classes down, destinations across: what is allowed where, now. A cell with a decision
 * is a button that opens it; a default deny is plain text, since there is nothing to open.
 */
export function DecisionMatrixTable({ matrix, onOpen }: Props) {
  const names = new Map(matrix.data_classes.map((c) => [c.key, c]));
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap gap-3 text-xs" aria-label="Legend">
        {(Object.keys(OUTCOME_META) as (keyof typeof OUTCOME_META)[]).map((o) => (
          <li key={o}>
            <OutcomeLabel outcome={o} />
          </li>
        ))}
        <li className="text-slate-600 dark:text-slate-400">Anything not listed is denied (the default).</li>
      </ul>
      <div
        className="overflow-auto rounded-lg border border-slate-200 dark:border-slate-800"
        tabIndex={0}
        aria-label="Sharing matrix, scrollable"
      >
        <table className="min-w-full text-sm" data-testid="decision-matrix">
          <caption className="sr-only">
            What each data class may share with each destination, in force at {formatDateTime(matrix.at)}. Home region{" "}
            {matrix.home_region}.
          </caption>
          <thead className="bg-slate-50 text-left dark:bg-slate-900">
            <tr>
              <th scope="col" className="sticky left-0 bg-slate-50 p-2 font-medium dark:bg-slate-900">
                Data class
              </th>
              {matrix.destinations.map((d) => (
                <th key={d.key} scope="col" className="p-2 align-bottom text-xs font-medium">
                  <span className="block text-slate-500">{d.kind}</span>
                  {d.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => {
              const cls = names.get(row.data_class);
              return (
                <tr key={row.data_class} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="sticky left-0 bg-white p-2 text-left font-normal dark:bg-slate-950">
                    <span className="block font-medium">{cls?.name ?? row.data_class}</span>
                    <span className="font-mono text-xs text-slate-500">{row.data_class}</span>
                  </th>
                  {row.cells.map((cell) => {
                    const id = cell.decision_id ?? cell.pending?.decision_id ?? null;
                    const content = (
                      <span className="flex flex-col items-start gap-1">
                        <OutcomeLabel outcome={cell.outcome} isDefault={cell.default} compact />
                        {cell.pending && (
                          <span className="text-xs text-amber-800 dark:text-amber-200">
                            v{cell.pending.version}: {STATE_LABEL[cell.pending.state]}
                          </span>
                        )}
                      </span>
                    );
                    return (
                      <td
                        key={cell.destination}
                        className="p-1.5 align-top"
                        data-outcome={cell.outcome}
                        data-cell={`${row.data_class}|${cell.destination}`}
                      >
                        {id ? (
                          <button
                            type="button"
                            onClick={() => onOpen(id)}
                            className="rounded p-0.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800"
                          >
                            {/* The name carries the visible words, so speech input can say what it sees. */}
                            <span className="sr-only">
                              {cls?.name ?? row.data_class} to {cell.destination}:{" "}
                            </span>
                            {content}
                            <span className="sr-only"> Open the decision.</span>
                          </button>
                        ) : (
                          content
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
