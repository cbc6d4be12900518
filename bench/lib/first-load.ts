import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export const KB = 1000;
/** The budgets: 200 KB per route, the lineage graph's page 400 KB. */
export const DEFAULT_BUDGET = 200 * KB;
export const BUDGETS: Record<string, number> = { "/t/[tenant]/lineage": 400 * KB };

export interface RouteSize {
  route: string;
  /** Transferred (gzip) bytes of every first-load chunk. */
  bytes: number;
  /** Uncompressed bytes, for comparison. */
  raw: number;
  chunks: number;
  budget: number;
}

type Manifest = { entryJSFiles?: Record<string, string[]> };

/** `/(portal)/t/[tenant]/keys/page` → `/t/[tenant]/keys`: the URL path, route groups left out. */
function routeOf(page: string): string {
  const parts = page
    .replace(/\/page$/, "")
    .split("/")
    .filter((p) => p && !(p.startsWith("(") && p.endsWith(")")));
  return `/${parts.join("/")}`;
}

function manifestsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return manifestsUnder(p);
    return e.name === "page_client-reference-manifest.js" ? [p] : [];
  });
}

function readManifest(file: string): Record<string, Manifest> {
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, Manifest> } };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  return sandbox.globalThis.__RSC_MANIFEST ?? {};
}

/** Every page route of the build in `root`, heaviest first. */
export function firstLoadReport(root: string): RouteSize[] {
  const next = path.join(root, ".next");
  if (!existsSync(path.join(next, "BUILD_ID"))) throw new Error("No production build here: run `npm run build` first.");
  const build = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const sizes = new Map<string, { gz: number; raw: number }>();
  const size = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      const body = readFileSync(path.join(next, file));
      s = { gz: gzipSync(body).length, raw: body.length };
      sizes.set(file, s);
    }
    return s;
  };
  const out: RouteSize[] = [];
  for (const file of manifestsUnder(path.join(next, "server/app"))) {
    for (const [page, manifest] of Object.entries(readManifest(file))) {
      if (!page.endsWith("/page") || page.startsWith("/_")) continue;
      const chunks = new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles ?? {}).flat()]);
      let bytes = 0;
      let raw = 0;
      for (const c of chunks) {
        const s = size(c);
        bytes += s.gz;
        raw += s.raw;
      }
      const route = routeOf(page);
      out.push({ route, bytes, raw, chunks: chunks.size, budget: BUDGETS[route] ?? DEFAULT_BUDGET });
    }
  }
  return out.sort((a, b) => b.bytes - a.bytes || a.route.localeCompare(b.route));
}

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

export function formatReport(report: RouteSize[]): string {
  const width = Math.max(...report.map((r) => r.route.length), 5);
  const lines = [`${"route".padEnd(width)}  first-load JS (gzip)  uncompressed  chunks  budget`];
  for (const r of report)
    lines.push(
      `${r.route.padEnd(width)}  ${kb(r.bytes).padStart(20)}  ${kb(r.raw).padStart(12)}  ${String(r.chunks).padStart(6)}  ${kb(r.budget)}${r.bytes > r.budget ? "  OVER" : ""}`,
    );
  return lines.join("\n");
}
