import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (no browser downloads) against three regional
 * instances of the built app that the global setup starts on free ports with fresh embedded
 * databases. Build first: `npx next build` (`npm test` does).
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  // Two cores: three Next.js instances plus Chromium.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry in CI: a test that passes on its retry is reported as flaky (and counted), so a
  // loaded CI machine does not sink the run, while a real failure still fails twice.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // About a thousand tests (the authorization matrix is most of them) on two cores.
  globalTimeout: 30 * 60_000,
  // `npm test` sets PLAYWRIGHT_JSON_OUTPUT_FILE, which takes precedence over outputFile.
  reporter: [["list"], ["json", { outputFile: "playwright-report/results.json" }]],
  use: {
    ...devices["Desktop Chrome"],
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
