"use client";

import { useId, useMemo } from "react";
import { Button } from "@/components/ui/button";
import { DRAW_REGION_LIMIT, drawable, regionKey } from "@/modules/lineage/ui/build-flow";
import { MAX_DEPTH } from "@/modules/lineage/domain/graph";
import type { LineageQuery, TenantLineage } from "@/modules/lineage/client";
import { formatCount } from "@/platform/format";

interface Props {
  graph: TenantLineage;
  query: LineageQuery;
  onDepth: (depth: number) => void;
  onFocus: (id: string | null) => void;
  search: string;
  onSearch: (s: string) => void;
  /** Whether the graph at hand has its nodes (a summary has none: searching loads them). */
  searchable: boolean;
  /** What is being loaded, while the whole graph is on its way. */
  loading: string | null;
  view: "graph" | "table";
  onView: (v: "graph" | "table") => void;
  collapsed: ReadonlySet<string>;
  onToggle: (region: string) => void;
  onCollapseAll: (all: boolean) => void;
}

/** Search, focus and depth, the region toggles and the view switch: every control reachable by keyboard. */
export function LineageControls(p: Props) {
  const id = useId();
  const term = p.search.trim().toLowerCase();
  const matches = useMemo(
    () =>
      term.length < 2
        ? []
        : p.graph.nodes.filter((n) => `${n.namespace}/${n.name}`.toLowerCase().includes(term)).slice(0, 8),
    [p.graph, term],
  );
  const focused = p.query.focus ? p.graph.nodes.find((n) => n.id === p.query.focus) : null;
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm" htmlFor={`${id}-search`}>
          Search datasets and jobs
          <input
            id={`${id}-search`}
            type="search"
            value={p.search}
            onChange={(e) => p.onSearch(e.target.value)}
            placeholder="e.g. shipments"
            className="mt-1 block w-64 rounded border border-slate-300 p-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
            aria-describedby={`${id}-results`}
          />
        </label>
        <label className="text-sm">
          Depth around the focus
          <select
            value={p.query.depth ?? 3}
            disabled={!p.query.focus}
            onChange={(e) => p.onDepth(Number(e.target.value))}
            className="mt-1 block rounded border border-slate-300 p-1.5 text-sm disabled:opacity-50 dark:border-slate-700 dark:bg-slate-950"
          >
            {Array.from({ length: MAX_DEPTH }, (_, i) => i + 1).map((d) => (
              <option key={d} value={d}>
                {d} hop{d === 1 ? "" : "s"}
              </option>
            ))}
          </select>
        </label>
        {focused && (
          <p className="text-sm">
            Focused on <strong>{focused.name}</strong>{" "}
            <Button onClick={() => p.onFocus(null)}>Show the whole graph</Button>
          </p>
        )}
        <div role="group" aria-label="View" className="ml-auto flex gap-1">
          <Button aria-pressed={p.view === "graph"} onClick={() => p.onView("graph")}>
            Graph
          </Button>
          <Button aria-pressed={p.view === "table"} onClick={() => p.onView("table")}>
            Table
          </Button>
        </div>
      </div>
      <div id={`${id}-results`} aria-live="polite">
        {term.length >= 2 &&
          (!p.searchable ? (
            <p className="text-sm text-slate-600">
              {p.loading
                ? `${p.loading} Search covers every region once they are in.`
                : "Search needs the whole graph, which could not be loaded."}
            </p>
          ) : matches.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing matches “{p.search}”.</p>
          ) : (
            <ul className="flex flex-wrap gap-2" aria-label="Matches">
              {matches.map((n) => (
                <li key={n.id}>
                  <Button onClick={() => p.onFocus(n.id)}>
                    Focus on {n.name}{" "}
                    <span className="text-slate-500">
                      ({n.kind}, {n.region ?? "region unknown"})
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          ))}
      </div>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Region groups">
        <span className="text-sm text-slate-600 dark:text-slate-400">Regions:</span>
        {p.graph.regions.map((g) => {
          const key = regionKey(g.region);
          const open = !p.collapsed.has(key);
          const size = g.datasets + g.jobs;
          return drawable(g) ? (
            <Button key={key} aria-pressed={open} onClick={() => p.onToggle(key)}>
              {g.region ?? "Region unknown"} ({size}) {open ? "expanded" : "collapsed"}
            </Button>
          ) : (
            <Button key={key} aria-pressed={false} aria-disabled aria-describedby={`${id}-too-large`}>
              {g.region ?? "Region unknown"} ({formatCount(size)}) collapsed
            </Button>
          );
        })}
        <Button onClick={() => p.onCollapseAll(true)}>Collapse all</Button>
        <Button onClick={() => p.onCollapseAll(false)}>Expand all</Button>
      </div>
      {p.graph.regions.some((g) => !drawable(g)) && (
        <p id={`${id}-too-large`} className="text-sm text-slate-600 dark:text-slate-400">
          Regions with more than {DRAW_REGION_LIMIT} datasets and jobs stay collapsed: thousands of boxes cannot be read
          or drawn. Search for a dataset or job and focus on it to see its neighbourhood, or use the table of border
          crossings.
        </p>
      )}
    </div>
  );
}
