/**
 * First-load JavaScript per page route, read from the production build (`npm run build` first):
 * what a browser must download before the page is interactive, gzip-compressed as the server
 * sends it. Turbopack writes no size table, so this adds up, per page, the build's root main
 * files and every chunk its client-reference manifest lists for the page and the layouts,
 * templates, loading and error boundaries above it. Chunks loaded later (a dynamic import: a
 * chart, the graph's layout worker, the map's land) are not first-load and are not counted.
 *
 * `npm run bench:first-load` prints every route and its budget (200 KB; lineage 400 KB) and exits
 * non-zero when one is over. e2e/first-load-js.spec.ts runs the same check on the built app.
 */
import { firstLoadReport, formatReport } from "./lib/first-load";

const report = firstLoadReport(process.cwd());
console.log(formatReport(report));
const over = report.filter((r) => r.bytes > r.budget);
if (over.length > 0) {
  console.error(`\n${over.length} route(s) over budget: ${over.map((r) => r.route).join(", ")}`);
  process.exitCode = 1;
}
