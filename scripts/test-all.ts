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

type Count = { passed: number; failed: number; failures: string[] };

/** The first line of a failure message: enough to tell a timeout from an assertion in a log's tail. */
function firstLine(message: string | undefined): string {
  return (message ?? "").split("\n")[0]!.slice(0, 200);
}

function countVitest(file: string): Count {
  if (!existsSync(file)) return { passed: 0, failed: 0, failures: [] };
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: {
      name: string;
      message?: string;
      assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
    }[];
  };
  const failures = report.testResults.flatMap((f) => {
    const file = path.relative(process.cwd(), f.name);
    const failed = f.assertionResults.filter((a) => a.status === "failed");
    if (failed.length === 0 && f.message) return [`${file}: ${firstLine(f.message)}`];
    return failed.map((a) => `${file} › ${a.fullName}: ${firstLine(a.failureMessages[0])}`);
  });
  return { passed: report.numPassedTests, failed: report.numFailedTests, failures };
}

type PlaywrightSuite = {
  title: string;
  file?: string;
  specs?: { title: string; ok: boolean; tests: { results: { error?: { message?: string } }[] }[] }[];
  suites?: PlaywrightSuite[];
};

function failedSpecs(suite: PlaywrightSuite, trail: string[]): string[] {
  const here = suite.file && trail.length === 0 ? [] : [...trail, suite.title];
  const own = (suite.specs ?? [])
    .filter((s) => !s.ok)
    .map((s) => {
      const error = s.tests.flatMap((t) => t.results).find((r) => r.error)?.error?.message;
      return `${suite.file ?? ""} › ${[...here, s.title].filter(Boolean).join(" › ")}: ${firstLine(error)}`;
    });
  return [...own, ...(suite.suites ?? []).flatMap((s) => failedSpecs({ ...s, file: s.file ?? suite.file }, here))];
}

function countPlaywright(file: string): Count {
  if (!existsSync(file)) return { passed: 0, failed: 0, failures: [] };
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
    suites: PlaywrightSuite[];
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    failures: report.suites.flatMap((s) => failedSpecs(s, [])),
  };
}

const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

const linted =
  run("lint", ["node_modules/eslint/bin/eslint.js", "--max-warnings", "0", "."]) &&
  run("format", ["node_modules/prettier/bin/prettier.cjs", "--check", "."]);
const built = run("build", ["node_modules/next/dist/bin/next", "build"]);
// Every route's first-load JavaScript from the build, against its budget (bench/first-load-js.ts).
const light = built && run("first-load JavaScript per route", ["--import", "tsx", "bench/first-load-js.ts"]);
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
const failures = [...v.failures, ...p.failures];
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
// A run whose tests all passed can still fail: an unhandled error, a step that did not run.
const why = [
  !linted && "lint or format failed",
  !built && "the build failed",
  built && !light && "a route's first-load JavaScript is over its budget (see the table after the build)",
  built &&
    !unit &&
    v.failed === 0 &&
    'vitest exited non-zero with no failed test (an unhandled error: see its "Unhandled Errors" above)',
  built && !e2e && p.failed === 0 && "playwright exited non-zero with no failed test (see its output above)",
].filter(Boolean);
if (why.length > 0) console.log(`\nalso failed:\n${why.map((w) => `  ✗ ${w}`).join("\n")}`);
console.log(`\nvitest: ${v.passed} passed, ${v.failed} failed; playwright: ${p.passed} passed, ${p.failed} failed`);
console.log(`${v.passed + p.passed} passed, ${v.failed + p.failed + (built ? 0 : 1) + (linted ? 0 : 1)} failed`);
process.exit(linted && built && unit && e2e ? 0 : 1);
