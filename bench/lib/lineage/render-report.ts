/** The lineage render figures: per load, and cold vs warm (median of the loads after the first). */
import type { LoadFigures } from "./render-browser";

export interface Summary {
  cold: { firstNodeMs: number; layoutDoneMs: number; interactiveMs: number } | null;
  warmMedian: { firstNodeMs: number; layoutDoneMs: number; interactiveMs: number; clickToDetailMs: number } | null;
  maxJsHeapUsedMiB: number;
  domElements: number;
}

export interface RenderRun {
  database: string;
  ingest: { events: number; seconds: number };
  loads: LoadFigures[];
  summary: Summary;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r = (n: number) => Math.round(n);

export function summarise(loads: LoadFigures[]): Summary {
  const first = loads[0];
  const warm = loads.slice(1);
  return {
    cold: first
      ? {
          firstNodeMs: r(first.firstNodeMs),
          layoutDoneMs: r(first.layoutDoneMs),
          interactiveMs: r(first.interactiveMs),
        }
      : null,
    warmMedian:
      warm.length === 0
        ? null
        : {
            firstNodeMs: r(median(warm.map((l) => l.firstNodeMs))),
            layoutDoneMs: r(median(warm.map((l) => l.layoutDoneMs))),
            interactiveMs: r(median(warm.map((l) => l.interactiveMs))),
            clickToDetailMs: r(median(warm.map((l) => l.clickToDetailMs))),
          },
    maxJsHeapUsedMiB: Math.round(Math.max(0, ...loads.map((l) => l.cdp.jsHeapUsedMiB)) * 10) / 10,
    domElements: Math.max(0, ...loads.map((l) => l.domElements)),
  };
}

export function printRender(runs: RenderRun[], skipped: { database: string; reason: string }[]): void {
  const head = [
    "database",
    "load",
    "TTFB ms",
    "DCL ms",
    "FCP ms",
    "1st node ms",
    "layout ms",
    "interactive ms",
    "click→detail ms",
    "HTML KiB",
    "graph nodes",
    "RF nodes/edges",
    "DOM elements",
    "JS heap MiB",
    "script ms",
  ];
  const body = runs.flatMap((run) =>
    run.loads.map((l) => [
      run.database,
      l.load === 1 ? "1 (cold)" : String(l.load),
      l.responseStartMs.toFixed(0),
      l.domContentLoadedMs.toFixed(0),
      l.firstContentfulPaintMs === null ? "n/a" : l.firstContentfulPaintMs.toFixed(0),
      l.firstNodeMs.toFixed(0),
      l.layoutDoneMs.toFixed(0),
      l.interactiveMs.toFixed(0),
      l.clickToDetailMs.toFixed(0),
      (l.documentBytes / 1024).toFixed(0),
      l.graphNodes === null ? "?" : String(l.graphNodes),
      `${l.flowNodes}/${l.flowEdges}`,
      String(l.domElements),
      l.cdp.jsHeapUsedMiB.toFixed(1),
      l.cdp.scriptMs.toFixed(0),
    ]),
  );
  const right = head.map((_, i) => i > 1);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  console.log("");
  if (body.length > 0) {
    console.log(line(head));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const b of body) console.log(line(b));
    console.log(
      "Times from navigation start, on the page's clock. interactive: an edge clicked once the layout is in, and the",
    );
    console.log(
      "detail panel shown. JS heap: used, after the click (CDP Performance.getMetrics, no forced GC). script: CDP ScriptDuration.",
    );
    for (const run of runs) {
      const s = run.summary;
      if (s.cold)
        console.log(
          `${run.database}: cold ${s.cold.interactiveMs} ms to interactive${s.warmMedian ? `; warm median ${s.warmMedian.firstNodeMs} ms to first node, ${s.warmMedian.interactiveMs} ms to interactive` : ""}`,
        );
    }
  }
  for (const s of skipped) console.log(`${s.database}: skipped (${s.reason})`);
  console.log("");
}
