import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, instanceUrl, signInWithApi, test } from "./fixtures";

/**
 * Governance metrics as a customer admin reads them, on a phone (390 px) in dark mode: Ana opens
 * northwind-eu's Governance section from the navigation, reads the headline figures and the
 * residency table, scrolls the day-by-day chart into view (recharts arrives only then), switches
 * the period with a preset and with the form (a reversed period is refused next to the form),
 * and downloads the period's CSV. axe finds nothing serious or critical, and nothing scrolls
 * sideways. A compliance officer opens the region's page with its per-tenant table.
 */

const REGION = "eu-central-1" as const;
const TENANT = "northwind-eu";
const ANA = { email: "ana.admin@northwind.example" };
const COMPLIANCE = { email: "compliance.frankfurt@terrane-provider.example" };
const base = () => instanceUrl(REGION);

async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
}

async function sideways(p: Page): Promise<boolean> {
  return p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

async function phoneAs(browser: Browser, who: { email: string }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    colorScheme: "dark",
    locale: "en-US",
    acceptDownloads: true,
  });
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** A UTC day as the pages write a calendar day (platform/format.ts formatDay): "3 December 2026". */
const DAY_WORDS = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const dayWords = (offset: number) => DAY_WORDS.format(new Date(`${day(offset)}T00:00:00Z`));

test("a customer admin reads the tenant's governance metrics, switches the period and downloads the CSV (390 px, dark)", async ({
  browser,
}) => {
  const page = await phoneAs(browser, ANA);
  await page.goto(`${base()}/t/${TENANT}`);
  // Below 768 px the navigation sits behind the menu button.
  await page.getByTestId("nav-menu-button").click();
  await page.getByTestId("tenant-nav").getByRole("link", { name: "Governance" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${TENANT}/governance$`));
  await expect(page.getByRole("heading", { level: 1, name: "Governance" })).toBeVisible();
  await expect(page.getByTestId("governance-tab-metrics")).toHaveAttribute("aria-current", "page");

  // The default period: the 30 days up to today, with the moment the live figures were computed (UTC).
  await expect(page.getByTestId("sources")).toContainText(`${dayWords(-29)} to ${dayWords(0)} (UTC days)`);
  await expect(page.getByTestId("sources").locator("time")).toContainText("UTC");
  await expect(page.getByTestId("figure-records").locator("dd")).toHaveText(/ %$|^no data$/);
  await expect(page.getByRole("table", { name: "Data held in the home region, by data class" })).toBeVisible();

  // recharts is not part of the page until a chart is shown.
  await expect(page.getByTestId("governance-chart")).toHaveCount(0);
  await page.getByRole("heading", { name: "Day by day" }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId("governance-chart").first()).toBeVisible();
  // The same figures as a table.
  await page.getByText("The days as a table").click();
  const days = page.getByRole("table", { name: "Governance figures day by day" });
  await expect(days.locator("tbody tr")).toHaveCount(30);

  expect(await sideways(page)).toBe(false);
  expect(await seriousViolations(page)).toEqual([]);

  // A preset: the last 7 days.
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day(-6)}&to=${day(0)}`));
  await expect(page.getByTestId("sources")).toContainText(`${dayWords(-6)} to ${dayWords(0)}`);

  // The form, with a reversed period: refused next to the form, the default period shown below.
  await page.getByLabel("From (UTC day)").fill(day(-1));
  await page.getByLabel("To (UTC day)").fill(day(-3));
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator("#period-error")).toContainText(`"from" (${day(-1)}) is after "to" (${day(-3)})`);

  // Then a real one.
  await page.getByLabel("From (UTC day)").fill(day(-3));
  await page.getByLabel("To (UTC day)").fill(day(-1));
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("sources")).toContainText(`${dayWords(-3)} to ${dayWords(-1)}`);
  await expect(page.locator("#period-error")).toHaveCount(0);

  // The CSV of the period on screen.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv").click()]);
  expect(download.suggestedFilename()).toBe(`governance-${TENANT}-${day(-3)}-${day(-1)}.csv`);
  const csv = readFileSync((await download.path())!, "utf8").split("\r\n");
  expect(csv[0]).toBe('"section","item","metric","value"');
  expect(csv).toContain(`"period","","from","${day(-3)}"`);
  expect(csv.filter((l) => l.startsWith('"trend"'))).toHaveLength(3 * 6);

  await page.context().close();
});

test("a compliance officer reads the region's figures and each tenant's", async ({ browser }) => {
  const page = await phoneAs(browser, COMPLIANCE);
  await page.goto(`${base()}/region/governance`);
  await expect(page.getByRole("heading", { level: 1, name: "Region governance" })).toBeVisible();
  const tenants = page.getByRole("table", { name: `Each tenant's figures on ${dayWords(0)} UTC` });
  await expect(tenants.getByRole("link", { name: "Northwind Logistics EU" })).toHaveAttribute(
    "href",
    `/t/${TENANT}/governance`,
  );
  expect(await sideways(page)).toBe(false);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});
