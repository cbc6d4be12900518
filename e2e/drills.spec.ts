import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, instanceUrl, signInWithApi, test } from "./fixtures";

/**
 * Residency drills as people run them, on kestrel-eu (northwind-eu stays without consent for the
 * authorization matrix): Kim, its customer admin, consents to KMS outage and wrong-region drills
 * for compliance officers; a compliance officer starts a KMS outage drill from the tenant's Drills
 * tab, confirms in a dialog that names the consequence, follows it to "Passed" and downloads the
 * signed report; the region's Drills page lists it. Kim also sets a quarterly key revocation
 * schedule from the tab (its first run typed in her time zone, Berlin), sees it listed with its
 * next run in UTC, and removes it through a dialog that names what stops. axe finds nothing
 * serious, nothing scrolls sideways at 390 px.
 */

const REGION = "eu-central-1" as const;
const TENANT = "kestrel-eu";
const KIM = { email: "kim.admin@kestrel-health.example" };
const COMPLIANCE = { email: "compliance.frankfurt@terrane-provider.example" };
const base = () => instanceUrl(REGION);

async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
}

async function as(browser: Browser, who: { email: string }, width = 1440, timezoneId?: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: width < 768 ? "dark" : "light",
    locale: "en-US",
    acceptDownloads: true,
    ...(timezoneId ? { timezoneId } : {}),
  });
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

test("a customer admin consents; a compliance officer runs a KMS outage drill and downloads its signed report", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const kim = await as(browser, KIM, 390);
  await kim.goto(`${base()}/t/${TENANT}/governance/drills`);
  await expect(kim.getByRole("heading", { name: "Consent for compliance officers" })).toBeVisible();
  await expect(kim.getByTestId("consent-summary")).toContainText("No consent is in force");
  await kim.getByLabel("Key revocation").uncheck();
  await kim.getByRole("button", { name: "Give consent" }).click();
  await expect(kim.getByTestId("consent-summary")).toContainText("kms outage, wrong region");
  expect(await seriousViolations(kim)).toEqual([]);
  expect(await kim.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

  const officer = await as(browser, COMPLIANCE);
  await officer.goto(`${base()}/t/${TENANT}/governance/drills`);
  await officer.getByLabel("Drill", { exact: true }).selectOption("kms_outage");
  await officer.getByRole("button", { name: "Start drill" }).click();
  const dialog = officer.getByRole("dialog");
  await expect(dialog).toContainText("nothing of the tenant decrypts here");
  await dialog.getByRole("button", { name: "Start drill" }).click();
  await expect(dialog).toBeHidden();
  const table = officer.getByRole("table", { name: "Drills of this tenant, newest first" });
  await expect(table.getByRole("row").nth(1)).toContainText("KMS outage");
  await expect(table.getByRole("row").nth(1)).toContainText("Passed", { timeout: 60_000 });
  const [download] = await Promise.all([
    officer.waitForEvent("download"),
    table.getByRole("row").nth(1).getByRole("link", { name: "Signed report" }).click(),
  ]);
  const report = JSON.parse(
    await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")),
  ) as {
    payloadType: string;
    signatures: unknown[];
  };
  expect(report.payloadType).toBe("application/vnd.in-toto+json");
  expect(report.signatures).toHaveLength(1);
  expect(await seriousViolations(officer)).toEqual([]);

  await officer.goto(`${base()}/region/drills`);
  await expect(officer.getByRole("heading", { level: 1, name: "Residency drills" })).toBeVisible();
  await expect(officer.getByText("Kestrel Health").first()).toBeVisible();
  expect(await seriousViolations(officer)).toEqual([]);
});

test("a customer admin sets a quarterly key revocation schedule from the Drills tab and removes it", async ({
  browser,
}) => {
  // In Berlin, 9:30 on 3 March 2031 (winter time, UTC+1) is 08:30 UTC.
  const kim = await as(browser, KIM, 390, "Europe/Berlin");
  await kim.goto(`${base()}/t/${TENANT}/governance/drills`);
  const panel = kim.getByRole("region", { name: "Schedules", exact: true });
  await expect(panel.getByRole("heading", { name: "Schedules", exact: true })).toBeVisible();
  const table = panel.getByRole("table", { name: "Scheduled drills of this tenant" });
  await expect(table).toContainText("No drill runs on a schedule.");

  await panel.getByLabel("Drill to schedule").selectOption("key_revocation");
  await panel.getByLabel("How often").selectOption({ label: "Quarterly (every 91 days)" });
  const firstRun = panel.getByLabel("First run (optional)");
  await expect(firstRun).toHaveAccessibleDescription(/Europe\/Berlin/);
  await firstRun.fill("2031-03-03T09:30");
  await panel.getByRole("button", { name: "Set schedule" }).click();
  await expect(panel.getByRole("status")).toHaveText("Key revocation drill scheduled every 91 days (quarterly).");
  const row = table.getByRole("row").filter({ hasText: "Key revocation" });
  await expect(row).toContainText("every 91 days (quarterly)");
  await expect(row.locator("time")).toHaveText("3 Mar 2031, 08:30 UTC");
  await expect(row.locator("time")).toHaveAttribute("datetime", "2031-03-03T08:30:00.000Z");
  await expect(row).toContainText("Not run yet.");
  expect(await seriousViolations(kim)).toEqual([]);
  expect(await kim.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

  await row.getByRole("button", { name: "Remove the key revocation schedule" }).click();
  const dialog = kim.getByRole("dialog", { name: "Remove the key revocation schedule?" });
  await expect(dialog).toContainText(
    "No key revocation drill will run on a schedule for Kestrel Health Europe any more; drills already run and their reports stay.",
  );
  await dialog.getByRole("button", { name: "Remove schedule" }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole("status")).toHaveText("The key revocation schedule is removed.");
  await expect(table).toContainText("No drill runs on a schedule.");
  // The row is gone: the focus goes back to the panel's heading, not the page's top.
  await expect(panel.getByRole("heading", { name: "Schedules", exact: true })).toBeFocused();
  expect(await seriousViolations(kim)).toEqual([]);
});
