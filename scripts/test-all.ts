/**
 * `npm test`: everything. Lints (boundaries included, eslint.config.mjs), builds the app, runs the Vitest unit and integration suites (on the
 * embedded database, and on PostgreSQL too when TEST_DATABASE_URL is set), then the
 * Playwright end-to-end suite in Debian's Chromium against instances it starts itself.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const reports = mkdtempSync(path.join(os.tmpdir(), "terrane-test-"));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(label: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status === 0;
}

function countVitest(file: string): { passed: number; failed: number } {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

function countPlaywright(file: string): { passed: number; failed: number } {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

const linted =
  run("lint", ["node_modules/eslint/bin/eslint.js", "--max-warnings", "0", "."]) &&
  run("format", ["node_modules/prettier/bin/prettier.cjs", "--check", "."]);
const built = run("build", ["node_modules/next/dist/bin/next", "build"]);
const unit =
  built &&
  run("vitest", [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestReport}`,
  ]);
const e2e =
  built &&
  run("playwright", ["node_modules/@playwright/test/cli.js", "test"], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport,
  });

const v = countVitest(vitestReport);
const p = countPlaywright(playwrightReport);
console.log(`\nvitest: ${v.passed} passed, ${v.failed} failed; playwright: ${p.passed} passed, ${p.failed} failed`);
console.log(`${v.passed + p.passed} passed, ${v.failed + p.failed + (built ? 0 : 1) + (linted ? 0 : 1)} failed`);
process.exit(linted && built && unit && e2e ? 0 : 1);
