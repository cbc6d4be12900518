"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  anyExpanded,
  buildDrawn,
  collapseAll,
  collapsedRegions,
  isLarge,
  toggleRegion,
  type CollapseState,
  type DrawnEdge,
} from "@/modules/lineage/ui/build-flow";
import { CrossBorderTable } from "@/modules/lineage/ui/cross-border-table";
import { LineageCanvas, type Selection } from "@/modules/lineage/ui/lineage-canvas";
import { LineageControls } from "@/modules/lineage/ui/lineage-controls";
import { LineageDetail } from "@/modules/lineage/ui/lineage-detail";
import { OUTCOME_ORDER, OUTCOME_STYLE } from "@/modules/lineage/ui/outcome-style";
import { ViolationsList } from "@/modules/lineage/ui/violations-list";
import { formatCount } from "@/platform/format";
import {
  lineageApi,
  lineageQueryKeys,
  type LineageQuery,
  type TenantLineage,
  type ViolationView,
} from "@/modules/lineage/client";

const REFRESH_MS = 10_000;
/** The whole graph of a large tenant is megabytes: refreshed less often than the summary or a small graph. */
const FULL_REFRESH_MS = 60_000;

/**
 * The lineage view: controls, graph (or table), legend and detail panel, refreshed while open.
 *
 * A large graph (more than COLLAPSE_ABOVE nodes) arrives as the summary, every region
 * collapsed, and is refreshed as the summary while it stays so. Expanding a region, expanding
 * all or searching needs the nodes themselves: the whole graph is fetched then, once, while the
 * summary stays drawn under a progress note, and refreshed less often from then on. Collapsing
 * everything again goes back to the summary.
 */
export function LineageLive({ tenant, initial }: { tenant: string; initial: TenantLineage }) {
  const large = isLarge(initial);
  const [focus, setFocus] = useState<{ focus: string | null; depth: number | null }>({ focus: null, depth: null });
  const [view, setView] = useState<"graph" | "table">("graph");
  const [search, setSearch] = useState("");
  const [selection, setSelection] = useState<Selection>(null);
  const [collapse, setCollapse] = useState<CollapseState>(() => collapseAll(large));
  const beforeFocus = useRef<CollapseState | null>(null);

  const searching = search.trim().length >= 2;
  // Whether any region will be drawn node by node needs only the regions and their sizes, which
  // the summary has too: the graph of the last render answers it (a render cannot wait for its own).
  const lastGraph = useRef(initial);
  const form = focus.focus || !large || anyExpanded(collapse, lastGraph.current) || searching ? "full" : "summary";
  const query: LineageQuery = { ...focus, view: form };
  const result = useQuery({
    queryKey: lineageQueryKeys.graph(tenant, query),
    queryFn: () => lineageApi.graph(tenant, query),
    initialData: query.focus === null && form === initial.view ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: form === "full" && large && !query.focus ? FULL_REFRESH_MS : REFRESH_MS,
  });
  const graph = result.data ?? initial;
  lastGraph.current = graph;
  // The summary is what is drawn while the whole graph is on its way (or could not be had).
  const loading =
    form === "full" && graph.view === "summary" && result.isFetching
      ? `Loading ${formatCount(Math.min(graph.totals.nodes, graph.limits.max_nodes))} datasets and jobs…`
      : null;
  const collapsed = useMemo(() => collapsedRegions(collapse, graph), [collapse, graph]);
  const drawn = useMemo(() => buildDrawn(graph, collapsed), [graph, collapsed]);
  const nodes = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  // Names are the tenant's register's; the graph keeps keys (what ingest and decisions use).
  const names = useMemo(() => new Map(graph.data_classes.map((c) => [c.key, c.name])), [graph.data_classes]);
  const nameOf = useCallback((key: string) => names.get(key) ?? key, [names]);
  const [centreOn, setCentreOn] = useState<{ edge: string; at: number } | null>(null);
  /** A flow asked for ("Open the flow") that the current view does not draw on its own: shown once its neighbourhood is in. */
  const [pendingFlow, setPendingFlow] = useState<string | null>(null);
  const detail = useRef<HTMLElement>(null);
  const toggle = useCallback((region: string) => setCollapse((c) => toggleRegion(c, region)), []);
  const focusOn = useCallback(
    (id: string | null) => {
      setFocus((q) => ({ focus: id, depth: id ? (q.depth ?? 3) : null }));
      if (id) {
        // A neighbourhood is small: show it expanded. Leaving it restores the regions as they were,
        // so a large graph does not come back with thousands of nodes to lay out.
        beforeFocus.current ??= collapse;
        setCollapse(collapseAll(false));
      } else if (beforeFocus.current) {
        setCollapse(beforeFocus.current);
        beforeFocus.current = null;
      }
    },
    [collapse],
  );

  // Below the graph on narrower screens: bring the details into view when something is selected.
  const select = useCallback((s: Selection) => {
    setSelection(s);
    if (s) requestAnimationFrame(() => detail.current?.scrollIntoView({ block: "nearest", behavior: "smooth" }));
  }, []);
  const showFlow = useCallback((d: DrawnEdge) => {
    setSelection({ kind: "edge", edge: d });
    setCentreOn({ edge: d.id, at: Date.now() });
    detail.current?.scrollIntoView({ block: "nearest" });
    detail.current?.focus({ preventScroll: true });
  }, []);
  // "Open the flow" from the list: select it where it is drawn; else focus on its source, whose
  // neighbourhood (expanded) draws it, and select it when that graph is in.
  const openFlow = (v: ViolationView) => {
    setView("graph");
    const d = drawn.edges.find((e) => e.edge?.id === v.edge);
    if (d) showFlow(d);
    else {
      setPendingFlow(v.edge);
      focusOn(v.source.id);
    }
  };
  useEffect(() => {
    if (!pendingFlow) return;
    const d = drawn.edges.find((e) => e.edge?.id === pendingFlow);
    if (!d) return;
    setPendingFlow(null);
    showFlow(d);
  }, [pendingFlow, drawn, showFlow]);
  return (
    <div className="space-y-4">
      <LineageControls
        graph={graph}
        query={query}
        onDepth={(depth) => setFocus((q) => ({ ...q, depth }))}
        onFocus={focusOn}
        search={search}
        onSearch={setSearch}
        searchable={graph.view === "full"}
        loading={loading}
        view={view}
        onView={setView}
        collapsed={collapsed}
        onToggle={toggle}
        onCollapseAll={(all) => setCollapse(collapseAll(all))}
      />
      {result.error && (
        <p role="alert" className="text-sm text-red-700">
          {result.error.message}
        </p>
      )}
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Legend of edge evaluations">
        {OUTCOME_ORDER.map((o) => (
          <li key={o} className="inline-flex items-center gap-1.5">
            <svg aria-hidden width="28" height="8">
              <line
                x1="0"
                y1="4"
                x2="28"
                y2="4"
                stroke={OUTCOME_STYLE[o].stroke}
                strokeWidth={OUTCOME_STYLE[o].width}
                strokeDasharray={OUTCOME_STYLE[o].dash}
              />
            </svg>
            <span className={OUTCOME_STYLE[o].text}>{OUTCOME_STYLE[o].label}</span>
          </li>
        ))}
      </ul>
      {graph.truncated && graph.view === "full" && (
        <p className="text-sm text-amber-800 dark:text-amber-200">
          Showing {graph.nodes.length} of {graph.totals.nodes} nodes (those on troubled edges first). Focus on a node to
          see its whole neighbourhood.
        </p>
      )}
      {view === "graph" ? (
        // The graph takes the width (it is read at a fixed zoom); the details go beside it only on wide screens.
        <div className="grid gap-4 2xl:grid-cols-[1fr_22rem]">
          <ReactFlowProvider>
            <LineageCanvas
              graph={graph}
              drawn={drawn}
              onToggle={toggle}
              search={search}
              onSelect={select}
              loading={loading}
              nameOf={nameOf}
              selectedEdge={selection?.kind === "edge" ? selection.edge.id : null}
              centreOn={centreOn}
            />
          </ReactFlowProvider>
          <aside
            ref={detail}
            tabIndex={-1}
            aria-label="Details"
            className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
            aria-live="polite"
          >
            <LineageDetail
              tenant={tenant}
              selection={selection}
              nodes={nodes}
              focus={query.focus}
              onFocus={focusOn}
              nameOf={nameOf}
              allowed={graph.allowed_actions}
            />
          </aside>
        </div>
      ) : (
        <CrossBorderTable
          pairs={graph.cross_border}
          caption="Flows that cross a border, per region pair"
          nameOf={nameOf}
        />
      )}
      <ViolationsList
        tenant={tenant}
        violations={graph.findings.violations}
        nameOf={nameOf}
        allowed={graph.allowed_actions}
        onOpen={openFlow}
      />
    </div>
  );
}
