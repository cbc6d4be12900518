"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useMemo, useState } from "react";
import { regionKey } from "@/components/lineage/build-flow";
import { CrossBorderTable } from "@/components/lineage/cross-border-table";
import { LineageCanvas, type Selection } from "@/components/lineage/lineage-canvas";
import { LineageControls } from "@/components/lineage/lineage-controls";
import { LineageDetail } from "@/components/lineage/lineage-detail";
import { OUTCOME_ORDER, OUTCOME_STYLE } from "@/components/lineage/outcome-style";
import { lineageApi, lineageQueryKeys, type LineageQuery, type TenantLineage } from "@/lib/client/lineage-api";

/** Above this many nodes every region starts collapsed: thousands of boxes help nobody, and drawing them costs. */
export const COLLAPSE_ABOVE = 300;
const REFRESH_MS = 10_000;

function initialCollapsed(graph: TenantLineage): Set<string> {
  return graph.nodes.length > COLLAPSE_ABOVE ? new Set(graph.regions.map((g) => regionKey(g.region))) : new Set();
}

/** The lineage view: controls, graph (or table), legend and detail panel, refreshed while open. */
export function LineageLive({ tenant, initial }: { tenant: string; initial: TenantLineage }) {
  const [query, setQuery] = useState<LineageQuery>({ focus: null, depth: null });
  const [view, setView] = useState<"graph" | "table">("graph");
  const [search, setSearch] = useState("");
  const [selection, setSelection] = useState<Selection>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => initialCollapsed(initial));
  const result = useQuery({
    queryKey: lineageQueryKeys.graph(tenant, query),
    queryFn: () => lineageApi.graph(tenant, query),
    initialData: query.focus === null ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const graph = result.data ?? initial;
  const nodes = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const toggle = useCallback((region: string) => {
    setCollapsed((c) => { const next = new Set(c); if (next.has(region)) next.delete(region); else next.add(region); return next; });
  }, []);
  const focusOn = useCallback((id: string | null) => {
    setQuery((q) => ({ focus: id, depth: id ? (q.depth ?? 3) : null }));
    // A neighbourhood is small: show it expanded.
    if (id) setCollapsed(new Set());
  }, []);

  return (
    <div className="space-y-4">
      <LineageControls
        graph={graph} query={query} onDepth={(depth) => setQuery((q) => ({ ...q, depth }))} onFocus={focusOn}
        search={search} onSearch={setSearch} view={view} onView={setView}
        collapsed={collapsed} onToggle={toggle} onCollapseAll={(all) => setCollapsed(all ? new Set(graph.regions.map((g) => regionKey(g.region))) : new Set())}
      />
      {result.error && <p role="alert" className="text-sm text-red-700">{result.error.message}</p>}
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Legend of edge evaluations">
        {OUTCOME_ORDER.map((o) => (
          <li key={o} className="inline-flex items-center gap-1.5">
            <svg aria-hidden width="28" height="8"><line x1="0" y1="4" x2="28" y2="4" stroke={OUTCOME_STYLE[o].stroke} strokeWidth={OUTCOME_STYLE[o].width} strokeDasharray={OUTCOME_STYLE[o].dash} /></svg>
            <span className={OUTCOME_STYLE[o].text}>{OUTCOME_STYLE[o].label}</span>
          </li>
        ))}
      </ul>
      {graph.truncated && <p className="text-sm text-amber-800 dark:text-amber-200">Showing {graph.nodes.length} of {graph.totals.nodes} nodes (those on troubled edges first). Focus on a node to see its whole neighbourhood.</p>}
      {view === "graph" ? (
        <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
          <ReactFlowProvider>
            <LineageCanvas graph={graph} collapsed={collapsed} onToggle={toggle} search={search} onSelect={setSelection} />
          </ReactFlowProvider>
          <aside aria-label="Details" className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" aria-live="polite">
            <LineageDetail selection={selection} nodes={nodes} focus={query.focus} onFocus={focusOn} />
          </aside>
        </div>
      ) : (
        <CrossBorderTable pairs={graph.cross_border} caption="Flows that cross a border, per region pair" />
      )}
    </div>
  );
}
