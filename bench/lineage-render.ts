/**
 * `npm run bench:lineage-render`: time to first interactive render of the 5,000-node lineage
 * graph in headless Chromium (issue 5, "Measure").
 *
 *  1. Seeds eu-central-1 (the demo world) on a fresh embedded database in a temporary directory
 *     (or a fresh PostgreSQL database), starts the built app (`next start`) on a free port.
 *  2. Posts the `bench:lineage` graph-build workload (1,000 RunEvents: 4,000 datasets, 1,000
 *     jobs, 8,000 job edges, 16,000 flows) for northwind-eu through POST
 *     /api/v1/ingest/openlineage with the region's seeded ingest token, over HTTP.
 *  3. Launches Debian's Chromium (the e2e suite's launch arguments), signs in as Northwind's
 *     customer admin through the sign-in form, and loads /t/northwind-eu/lineage N times (the
 *     first cold: first render of the page since the server started, lineage chunks not in
 *     the browser's cache). Per load: first graph node drawn, layout applied, and an edge
 *     clicked with the detail panel shown; DOM size and the JS heap. See
 *     bench/lib/lineage/render-browser.ts for how each moment is detected.
 *  4. Expanding a region: on a fresh page per region (so each includes fetching the whole
 *     graph, which the page does not hold above 300 nodes), the smallest and the largest region
 *     group's expand control is clicked; measured from the click to the whole graph received
 *     and to the first frame with the region's nodes drawn and aria-busy="false" (laid out).
 *
 * Build first (`npx next build`). Prints a table, writes bench/results/lineage-render-<date>.json.
 * No timing assertions: the run fails only when the page does not render or answer.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { freePort, startInstance } from "../scripts/lib/instance";
import { seedWorld } from "../scripts/lib/seed-world";
import { measureLoad, prepareContext, type LoadFigures } from "./lib/lineage/render-browser";
import { printRender, summarise, type RenderRun } from "./lib/lineage/render-report";
import { readRenderOptions } from "./lib/lineage/render-options";
import { shapeEvents } from "./lib/lineage/workload";
import type { DatabaseKind } from "./lib/options";
import { machine, writeJson } from "./lib/report";
import { seededRegionSecrets } from "./lib/setup";
import { forEachDatabase } from "./lib/databases";
import { cleanUp, cleanUpOnSignal, isInterrupted, onCleanUp } from "./lib/cleanups";

const REGION = "eu-central-1";
const TENANT = "northwind-eu";
const ADMIN = "ana.admin@northwind.example";
/** The e2e suite's (playwright.config.ts). */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const round1 = (n: number) => Math.round(n * 10) / 10;
/** Laying out a region of thousands of nodes may take minutes: longer than a page load may. */
const EXPAND_TIMEOUT_MS = 10 * 60_000;

interface ExpandFigures {
  region: string;
  /** The region's datasets and jobs, as its collapsed box says. */
  regionNodes: number;
  /** Click to the whole graph's response received (resource timing), and its size. */
  clickToDataMs: number | null;
  graphBytes: number | null;
  /** Click to the first frame with the region's nodes visible and the canvas no longer busy; null: not within the timeout. */
  clickToDrawnMs: number | null;
  drawnNodes: number;
  domElements: number;
  /** The renderer process died while laying out or drawing (the figures after the click are then missing). */
  crashed: boolean;
}

/**
 * Runs in the page: from the click on the expand control, each animation frame checks for the expanded
 * region's nodes (visible: React Flow hides unmeasured ones) with the canvas not busy. A string,
 * as INSTRUMENT in bench/lib/lineage/render-browser.ts is, for the same reason (tsx's __name).
 */
const WATCH_EXPAND = `(() => {
  const s = {};
  window.__lineageExpand = s;
  const frame = (now) => {
    if (s.click !== undefined) {
      const canvas = document.querySelector('[data-testid="lineage-graph"]');
      const busy = canvas ? canvas.getAttribute("aria-busy") : "true";
      let drawn = false;
      for (const n of document.querySelectorAll(".react-flow__node-lineage")) if (getComputedStyle(n).visibility === "visible") { drawn = true; break; }
      if (drawn && busy === "false") { s.done = now; return; }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

async function measureExpand(
  context: BrowserContext,
  url: string,
  pick: "smallest" | "largest",
  timeoutMs: number,
): Promise<ExpandFigures> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
    await page.waitForFunction(() => window.__lineageBench?.layoutDone !== undefined, undefined, {
      timeout: timeoutMs,
      polling: 100,
    });
    const regions = await page.evaluate(() =>
      [...document.querySelectorAll(".react-flow__node-region")].map((n) => {
        const m = /(\d+) datasets · (\d+) jobs/.exec(n.textContent ?? "");
        return {
          label: n.querySelector("button")?.getAttribute("aria-label") ?? "",
          nodes: m ? Number(m[1]) + Number(m[2]) : 0,
        };
      }),
    );
    const sorted = regions.filter((r) => r.label.startsWith("Expand ")).sort((a, b) => a.nodes - b.nodes);
    const target = pick === "smallest" ? sorted[0] : sorted.at(-1);
    if (!target) throw new Error(`No collapsed region to expand (regions: ${JSON.stringify(regions)})`);
    await page.evaluate(WATCH_EXPAND);
    let crashed = false;
    page.once("crash", () => {
      crashed = true;
    });
    const clickedAt = performance.now();
    // Clicked in the page (as Enter on the focused button would), not with the mouse: an edge
    // drawn over a region's box may cover its button at the layout's whim.
    await page.getByRole("button", { name: target.label, exact: true }).evaluate((button: HTMLElement) => {
      (window as unknown as { __lineageExpand: { click?: number } }).__lineageExpand.click = performance.now();
      button.click();
    });
    let finished = true;
    try {
      await page.waitForFunction(
        () => (window as unknown as { __lineageExpand?: { done?: number } }).__lineageExpand?.done !== undefined,
        undefined,
        { timeout: EXPAND_TIMEOUT_MS, polling: 250 },
      );
    } catch (err) {
      finished = false;
      if (!crashed)
        console.error(`expand ${target.label}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    }
    if (crashed) {
      // Nothing can be read from a dead page: say when (on the bench's clock) it died.
      console.error(
        `expand ${target.label}: the page crashed ${(performance.now() - clickedAt).toFixed(0)} ms after the click`,
      );
      return {
        region: target.label.slice("Expand ".length),
        regionNodes: target.nodes,
        clickToDataMs: null,
        graphBytes: null,
        clickToDrawnMs: null,
        drawnNodes: 0,
        domElements: 0,
        crashed,
      };
    }
    const seen = await page.evaluate(() => {
      const s = (window as unknown as { __lineageExpand: { click: number; done?: number } }).__lineageExpand;
      const full = performance
        .getEntriesByType("resource")
        .filter(
          (e): e is PerformanceResourceTiming =>
            e.name.includes("/lineage") && !e.name.includes("view=summary") && e.startTime >= s.click,
        )[0];
      return {
        click: s.click,
        done: s.done ?? null,
        dataAt: full ? full.responseEnd : null,
        bytes: full ? full.decodedBodySize : null,
        drawnNodes: document.querySelectorAll(".react-flow__node-lineage").length,
        domElements: document.querySelectorAll("*").length,
      };
    });
    return {
      region: target.label.slice("Expand ".length),
      regionNodes: target.nodes,
      clickToDataMs: seen.dataAt === null ? null : seen.dataAt - seen.click,
      graphBytes: seen.bytes,
      clickToDrawnMs: finished && seen.done !== null ? seen.done - seen.click : null,
      drawnNodes: seen.drawnNodes,
      domElements: seen.domElements,
      crashed,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

cleanUpOnSignal("closing Chromium, stopping the instance, removing the bench data");

function registryFor(url: string): string {
  const regions = JSON.parse(readFileSync("config/regions.json", "utf8")) as { id: string; url: string }[];
  return JSON.stringify(regions.map((r) => (r.id === REGION ? { ...r, url } : r)));
}

async function ingest(base: string, token: string, batch: number): Promise<{ events: number; seconds: number }> {
  const events = shapeEvents(TENANT);
  const started = performance.now();
  for (let i = 0; i < events.length; i += batch) {
    const res = await fetch(`${base}/api/v1/ingest/openlineage`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(events.slice(i, i + batch)),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return { events: events.length, seconds: (performance.now() - started) / 1000 };
}

async function benchDatabase(
  kind: DatabaseKind,
  databaseUrl: string | undefined,
  options: ReturnType<typeof readRenderOptions>,
): Promise<RenderRun & { expansions: ExpandFigures[] }> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "terrane-bench-render-"));
  onCleanUp(() => rmSync(workDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `http://localhost:${port}`;

  console.log(`[${kind}] migrating and seeding ${REGION}…`);
  const credentials = await seedWorld({
    dataDir: workDir,
    regions: [{ id: REGION, url, databaseUrl }],
    credentialsFile: path.join(workDir, "credentials.json"),
  });
  const admin = credentials.users.find((u) => u.email === ADMIN && u.region === REGION);
  const ingestToken = credentials.ingest_tokens[REGION];
  if (!admin || !ingestToken) throw new Error(`The seed has no ${ADMIN} or no ingest token in ${REGION}`);

  console.log(`[${kind}] starting the ${REGION} instance on port ${port}…`);
  const instance = await startInstance({
    region: REGION,
    port,
    dataDir: workDir,
    databaseUrl,
    regionsJson: registryFor(url),
    quiet: true,
    extraEnv: {
      ...seededRegionSecrets(workDir, REGION),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
    },
  });
  let died: string | null = null;
  instance.process.once("exit", (code, signal) => {
    died = signal ? `killed by ${signal}` : `exit code ${code}`;
  });
  onCleanUp(() => (died ? undefined : instance.stop()));

  const posted = await ingest(url, ingestToken, options.batch);
  console.log(
    `[${kind}] ${posted.events.toLocaleString("en")} events posted for ${TENANT} in ${posted.seconds.toFixed(1)} s (batches of ${options.batch})`,
  );

  const browser: Browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  onCleanUp(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await prepareContext(context);
  const signin = await context.newPage();
  await signin.goto(`${url}/signin?callbackUrl=${encodeURIComponent("/t")}`);
  await signin.locator("#email").fill(admin.email);
  await signin.locator("#password").fill(admin.password);
  await signin.getByRole("button", { name: "Sign in", exact: true }).click();
  await signin.waitForURL((u) => u.origin === url && u.pathname === "/t", { timeout: 60_000 });
  await signin.close();

  const loads: LoadFigures[] = [];
  for (let i = 1; i <= options.loads && !isInterrupted(); i++) {
    const page = await context.newPage();
    try {
      const f = await measureLoad(page, `${url}/t/${TENANT}/lineage`, i, options.timeoutMs);
      loads.push(f);
      console.log(
        `[${kind}] load ${i}${i === 1 ? " (cold)" : ""}: first node ${f.firstNodeMs.toFixed(0)} ms, layout ${f.layoutDoneMs.toFixed(0)} ms, interactive ${f.interactiveMs.toFixed(0)} ms; ${f.domElements} elements, heap ${f.cdp.jsHeapUsedMiB.toFixed(1)} MiB`,
      );
    } finally {
      await page.close();
    }
    if (died) throw new Error(`The ${REGION} instance stopped during the run (${died})`);
  }
  const expansions: ExpandFigures[] = [];
  for (const pick of ["smallest", "largest"] as const) {
    if (isInterrupted()) break;
    const f = await measureExpand(context, `${url}/t/${TENANT}/lineage`, pick, options.timeoutMs);
    expansions.push(f);
    const data =
      f.clickToDataMs === null
        ? "no whole-graph response seen"
        : `whole graph (${((f.graphBytes ?? 0) / 1e6).toFixed(1)} MB) after ${f.clickToDataMs.toFixed(0)} ms`;
    const drawn = f.crashed
      ? "the page crashed before it was drawn"
      : f.clickToDrawnMs === null
        ? `not drawn within ${EXPAND_TIMEOUT_MS / 1000} s`
        : `drawn after ${f.clickToDrawnMs.toFixed(0)} ms`;
    console.log(
      `[${kind}] expand ${f.region} (${pick}, ${f.regionNodes} nodes): ${data}, ${drawn}; ${f.drawnNodes} nodes in the DOM, ${f.domElements} elements`,
    );
    if (died) throw new Error(`The ${REGION} instance stopped during the run (${died})`);
  }
  await cleanUp();
  return {
    database: kind,
    ingest: { events: posted.events, seconds: round1(posted.seconds) },
    loads,
    summary: summarise(loads),
    expansions,
  };
}

async function main(): Promise<void> {
  const options = readRenderOptions();
  if (!existsSync(".next/BUILD_ID")) {
    console.error("The app is not built (no .next/BUILD_ID): run `npx next build` first, then this bench again.");
    process.exit(2);
  }
  if (!existsSync("/usr/bin/chromium")) throw new Error("No /usr/bin/chromium (Debian's chromium package)");
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  console.log(
    `lineage render bench: ${os.cpus().length} cores, 1-minute load average ${loadAtStart.toFixed(1)} at start; ${options.loads} loads per database`,
  );
  const runs: (RenderRun & { expansions: ExpandFigures[] })[] = [];
  const { skipped, failed } = await forEachDatabase(options, async (kind, databaseUrl) => {
    runs.push(await benchDatabase(kind, databaseUrl, options));
  });
  await cleanUp();
  printRender(runs, skipped);
  const totalSeconds = (performance.now() - started) / 1000;
  const loadAtEnd = os.loadavg()[0] ?? 0;
  console.log(
    `1-minute load average ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end; ${Math.round(totalSeconds)} s in all.`,
  );
  if (options.out && runs.length > 0) {
    writeJson(options.out, {
      benchmark: "lineage-render",
      date: new Date().toISOString().slice(0, 10),
      machine: {
        ...machine(),
        loadAverage1m: { atStart: round1(loadAtStart), atEnd: round1(loadAtEnd) },
        browser: "Debian /usr/bin/chromium, headless",
        chromiumArgs: CHROMIUM_ARGS,
        viewport: "1280x800",
      },
      settings: {
        loads: options.loads,
        batch: options.batch,
        region: REGION,
        tenant: TENANT,
        user: ADMIN,
        workload: "bench/lib/lineage/workload.ts shapeEvents (4,000 datasets, 1,000 jobs, 24,000 edges)",
      },
      runs,
      skipped,
      totalSeconds: Math.round(totalSeconds),
    });
  }
  process.exit(failed ? 1 : 0);
}

main().catch(async (err) => {
  console.error(`\nBench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await cleanUp();
  process.exit(1);
});
