/**
 * One measured load of the lineage page in Chromium. Every time is read from the page's own
 * clock (performance.now(), zero at navigation start), so Playwright's polling adds nothing:
 *  - a script injected before the page's own records, frame by frame (requestAnimationFrame,
 *    which stalls while the main thread is busy, as a person would see it), the first frame
 *    with a React Flow node drawn (present and visibility "visible": React Flow hides nodes
 *    until it has measured them) and the first frame where the graph is laid out (the
 *    canvas's aria-busy="false", set when the ELK worker's answer is in, with nodes drawn);
 *  - the bench then clicks an edge label (regions are collapsed above 300 nodes, and a region
 *    group is not selectable, so an aggregated edge between regions is what there is to
 *    click) and the page records when the detail panel appears (MutationObserver).
 * No component change was needed: `data-testid="lineage-graph"` with `aria-busy`,
 * `.react-flow__node` and `data-testid="lineage-detail"` already say all of it.
 */
import type { BrowserContext, Page } from "@playwright/test";

export interface LoadFigures {
  load: number;
  /** Navigation timing (ms from navigation start). */
  responseStartMs: number;
  domContentLoadedMs: number;
  firstContentfulPaintMs: number | null;
  /** First frame with a graph node visible. */
  firstNodeMs: number;
  /** First frame with the ELK layout applied (aria-busy="false") and nodes drawn. */
  layoutDoneMs: number;
  /** The detail panel shown after clicking an edge: first interaction answered. */
  interactiveMs: number;
  /** Click (pointerdown) to detail panel. */
  clickToDetailMs: number;
  /** The HTML document (with the RSC payload of the graph), decoded bytes. */
  documentBytes: number;
  /** What the page says it holds ("N datasets and jobs"). */
  graphNodes: number | null;
  flowNodes: number;
  flowEdges: number;
  /** Elements in the document (querySelectorAll("*")). */
  domElements: number;
  /** CDP Performance.getMetrics after the interaction (no forced GC). */
  cdp: {
    nodes: number;
    jsHeapUsedMiB: number;
    jsHeapTotalMiB: number;
    scriptMs: number;
    layoutMs: number;
    taskMs: number;
  };
}

declare global {
  interface Window {
    __lineageBench?: { firstNode?: number; layoutDone?: number; pointerDown?: number; detail?: number };
  }
}

/**
 * Runs in the page before any of its scripts. A string, not a function: tsx (esbuild with
 * keepNames) would wrap a function's inner functions in a `__name` helper the page lacks.
 */
const INSTRUMENT = `(() => {
  const state = {};
  window.__lineageBench = state;
  const frame = (now) => {
    if (state.firstNode === undefined) {
      for (const n of document.querySelectorAll(".react-flow__node")) {
        if (getComputedStyle(n).visibility === "visible") { state.firstNode = now; break; }
      }
    }
    if (state.firstNode !== undefined && state.layoutDone === undefined) {
      const canvas = document.querySelector('[data-testid="lineage-graph"]');
      if (canvas && canvas.getAttribute("aria-busy") === "false") state.layoutDone = now;
    }
    if (state.layoutDone === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.addEventListener("pointerdown", () => { if (state.pointerDown === undefined) state.pointerDown = performance.now(); }, true);
  new MutationObserver((_, observer) => {
    if (state.pointerDown !== undefined && document.querySelector('[data-testid="lineage-detail"]')) {
      state.detail = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

export async function prepareContext(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: INSTRUMENT });
}

const MiB = 2 ** 20;

export async function measureLoad(page: Page, url: string, load: number, timeoutMs: number): Promise<LoadFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const response = await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
  if (!response || response.status() !== 200) throw new Error(`GET ${url} answered ${response?.status() ?? "nothing"}`);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  try {
    await page.waitForFunction(() => window.__lineageBench?.layoutDone !== undefined, undefined, {
      timeout: timeoutMs,
      polling: 100,
    });
  } catch (err) {
    const seen = await page
      .evaluate(() => ({
        url: location.pathname,
        bench: window.__lineageBench,
        busy: document.querySelector('[data-testid="lineage-graph"]')?.getAttribute("aria-busy") ?? "no canvas",
        nodes: document.querySelectorAll(".react-flow__node").length,
        visibility: [...document.querySelectorAll(".react-flow__node")]
          .slice(0, 3)
          .map((n) => getComputedStyle(n).visibility),
        text: document.body.innerText.slice(0, 300),
      }))
      .catch(() => null);
    throw new Error(
      `The graph was not laid out in time: ${JSON.stringify(seen)}; page errors: ${errors.slice(0, 5).join(" | ") || "none"}`,
      { cause: err },
    );
  }
  const failed = await page.locator('[data-testid="lineage-graph"] [role="alert"]').count();
  if (failed > 0)
    throw new Error(
      `The layout failed: ${await page.locator('[data-testid="lineage-graph"] [role="alert"]').first().innerText()}`,
    );

  // An aggregated edge between two regions, clicked on its label with the real mouse: the
  // SVG path's bounding-box centre is not on a curved edge, and labels overlap, so the point
  // is one where the label is the topmost element (elementFromPoint).
  // The canvas fits the view with a 200 ms animation once laid out: wait for the viewport's
  // transform to hold still (two checks 150 ms apart) before aiming.
  await page.waitForFunction(
    () => {
      const vp = document.querySelector(".react-flow__viewport") as HTMLElement | null;
      const w = window as unknown as { __vp?: string; __vpAt?: number };
      const t = vp?.style.transform ?? "";
      if (t !== w.__vp) {
        w.__vp = t;
        w.__vpAt = performance.now();
        return false;
      }
      return performance.now() - (w.__vpAt ?? 0) > 150;
    },
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
  const point = await page.evaluate(() => {
    for (const label of document.querySelectorAll(".react-flow__edge .react-flow__edge-textwrapper")) {
      const box = label.getBoundingClientRect();
      for (const [fx, fy] of [
        [0.5, 0.5],
        [0.2, 0.5],
        [0.8, 0.5],
      ]) {
        const x = box.left + box.width * fx!;
        const y = box.top + box.height * fy!;
        const hit = document.elementFromPoint(x, y);
        if (hit && label.contains(hit)) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error("No edge label can be clicked (every one is covered)");
  await page.mouse.click(point.x, point.y);
  await page.locator('[data-testid="lineage-detail"]').waitFor({ state: "visible", timeout: timeoutMs });
  await page.waitForFunction(() => window.__lineageBench?.detail !== undefined, undefined, { timeout: timeoutMs });

  const inPage = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const findings = document.querySelector('[data-testid="lineage-findings"]')?.textContent ?? "";
    const m = /^([\d,]+) datasets and jobs/.exec(findings);
    return {
      bench: window.__lineageBench!,
      responseStart: nav?.responseStart ?? 0,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
      fcp: fcp ? fcp.startTime : null,
      documentBytes: nav?.decodedBodySize ?? 0,
      graphNodes: m ? Number(m[1]!.replace(/,/g, "")) : null,
      flowNodes: document.querySelectorAll(".react-flow__node").length,
      flowEdges: document.querySelectorAll(".react-flow__edge").length,
      domElements: document.querySelectorAll("*").length,
    };
  });
  const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
  const metric = (name: string) => metrics.find((x) => x.name === name)?.value ?? 0;
  await cdp.detach();
  const b = inPage.bench;
  return {
    load,
    responseStartMs: inPage.responseStart,
    domContentLoadedMs: inPage.domContentLoaded,
    firstContentfulPaintMs: inPage.fcp,
    firstNodeMs: b.firstNode!,
    layoutDoneMs: b.layoutDone!,
    interactiveMs: b.detail!,
    clickToDetailMs: b.detail! - b.pointerDown!,
    documentBytes: inPage.documentBytes,
    graphNodes: inPage.graphNodes,
    flowNodes: inPage.flowNodes,
    flowEdges: inPage.flowEdges,
    domElements: inPage.domElements,
    cdp: {
      nodes: metric("Nodes"),
      jsHeapUsedMiB: metric("JSHeapUsedSize") / MiB,
      jsHeapTotalMiB: metric("JSHeapTotalSize") / MiB,
      scriptMs: metric("ScriptDuration") * 1000,
      layoutMs: metric("LayoutDuration") * 1000,
      taskMs: metric("TaskDuration") * 1000,
    },
  };
}
