import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, instanceUrl, signInWithApi, test } from "./fixtures";

/**
 * The lawful-access register as people use it, on eu-central-1. A compliance officer records a
 * court order about northwind-eu through the form on a desktop in light mode and is told another
 * officer must close it; a second compliance officer, on a phone (390 px) in dark mode, closes it
 * through the dialog that names both of them and the consequence (axe clean with the dialog open,
 * nothing scrolls sideways). Ana, northwind-eu's admin, sees the request under Governance → Lawful
 * access. The first officer issues the transparency report of the last quarter that has ended,
 * and the public /trust page shows that period's counts and links its signed report and history.
 */

const REGION = "eu-central-1" as const;
const COMPLIANCE = { email: "compliance.frankfurt@terrane-provider.example" };
const COMPLIANCE2 = { email: "compliance2.frankfurt@terrane-provider.example" };
const ANA = { email: "ana.admin@northwind.example" };
const base = () => instanceUrl(REGION);

/** The last quarter that has ended (UTC), e.g. "2026-Q3", and a day inside it. */
function lastQuarter(now = new Date()): { period: string; day: string } {
  const q = Math.floor(now.getUTCMonth() / 3); // 0–3, the current quarter
  const year = q === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const index = q === 0 ? 4 : q;
  const month = String((index - 1) * 3 + 2).padStart(2, "0");
  return { period: `${year}-Q${index}`, day: `${year}-${month}-15` };
}

async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
}

async function pageAs(
  browser: Browser,
  who: { email: string },
  look: { width: number; height: number; colorScheme: "light" | "dark" },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: look.width, height: look.height },
    colorScheme: look.colorScheme,
    locale: "en-US",
  });
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

test("a compliance officer records a request, a second one closes it, the report is issued and published", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const authority = `E2E Authority ${Date.now()}`;
  const { period, day } = lastQuarter();

  // --- The first officer records it (desktop, light). ---
  const first = await pageAs(browser, COMPLIANCE, { width: 1440, height: 900, colorScheme: "light" });
  const response = await first.goto(`${base()}/region/lawful-access`);
  expect(response?.status()).toBe(200);
  await expect(first.getByRole("heading", { level: 1, name: "Lawful access" })).toBeVisible();
  await first.getByRole("button", { name: "Record a request" }).click();
  const form = first.getByTestId("lawful-access-form");
  await form.getByLabel("Authority").fill(authority);
  await form.getByLabel("Jurisdiction").fill("DE");
  await form.getByLabel("Legal instrument").fill("Production order, AG Frankfurt 12 Gs 1/26");
  await form.getByLabel("Kind").selectOption("court_order");
  await form.getByLabel("Data classes concerned").fill("customer_pii");
  await form.getByLabel("Received on (UTC)").fill(day);
  await form.getByRole("checkbox", { name: "Northwind Logistics EU" }).check();
  await form.getByRole("radio", { name: "Notified", exact: true }).check();
  await form.getByLabel("Notified on (UTC)").fill(day);
  await form.getByRole("button", { name: "Record request" }).click();
  await expect(first.getByTestId("la-status")).toContainText(`Recorded the request from ${authority}`);
  const mine = first.getByTestId("la-open").locator("tr", { hasText: authority });
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId("four-eyes")).toHaveText("You recorded it: another compliance officer closes it.");
  await expect(mine.getByRole("button", { name: /^Close/ })).toHaveCount(0);
  // An edit sends only what changed: the response date, recorded; the rest stays as it was.
  await mine.getByRole("button", { name: `Edit the request from ${authority}` }).click();
  const edit = first.getByTestId("lawful-access-form");
  await edit.getByLabel("Responded on (UTC, optional)").fill(day);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(first.getByTestId("la-status")).toContainText(`Saved the request from ${authority}`);
  const recordedBy = (
    (await (await first.request.get(`${base()}/api/v1/region/lawful-access-requests?state=open`)).json()) as {
      requests: { authority: string; recorded_by: { name: string } }[];
    }
  ).requests.find((r) => r.authority === authority)!.recorded_by.name;

  // --- The second officer closes it (390 px, dark): the dialog names both and the consequence. ---
  const second = await pageAs(browser, COMPLIANCE2, { width: 390, height: 844, colorScheme: "dark" });
  await second.goto(`${base()}/region/lawful-access`);
  const row = second.getByTestId("la-open").locator("tr", { hasText: authority });
  await row.getByRole("button", { name: `Close… the request from ${authority}` }).click();
  const dialog = second.getByRole("dialog", { name: `Close the request from ${authority}?` });
  await expect(dialog.getByTestId("close-consequence")).toContainText(`Recorded by ${recordedBy}; you (`);
  await expect(dialog.getByTestId("close-consequence")).toContainText("Closing is final");
  await expect(dialog.getByTestId("close-consequence")).toContainText("Northwind Logistics EU");
  await dialog.getByLabel("Disposition").selectOption("partially_disclosed");
  await dialog.getByLabel("Rationale").fill("Account metadata disclosed; content refused as overbroad.");
  expect(await seriousViolations(second)).toEqual([]);
  await dialog.getByRole("button", { name: "Close request" }).click();
  await expect(dialog).toBeHidden();
  await expect(second.getByTestId("la-status")).toContainText(`Closed the request from ${authority}`);
  await expect(second.getByTestId("la-closed").locator("tr", { hasText: authority })).toContainText(
    "Partially disclosed",
  );
  expect(await second.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(second)).toEqual([]);

  // --- Ana sees it under Governance → Lawful access. ---
  const ana = await pageAs(browser, ANA, { width: 1280, height: 800, colorScheme: "light" });
  const tenantPage = await ana.goto(`${base()}/t/northwind-eu/governance/lawful-access`);
  expect(tenantPage?.status()).toBe(200);
  await expect(ana.getByTestId("governance-tab-lawful-access")).toHaveAttribute("aria-current", "page");
  await expect(ana.getByTestId("tenant-lawful-access").locator("tr", { hasText: authority })).toContainText(
    "Partially disclosed",
  );

  // --- The first officer issues the last ended quarter's report; /trust publishes it. ---
  await first.reload();
  await first.getByRole("button", { name: "Issue a report…" }).click();
  const issue = first.getByRole("dialog", { name: "Issue a transparency report?" });
  await issue.getByLabel("Period").fill(period);
  await issue.getByRole("button", { name: "Issue and publish" }).click();
  await expect(first.getByTestId("la-status")).toContainText(`Issued the transparency report of ${period}`);
  const issued = (await (await first.request.get(`${base()}/api/v1/transparency-reports/${period}`)).json()) as {
    id: string;
    version: number;
    report: { counts: { total: number; by_kind: { court_order: number } } };
  };
  expect(issued.report.counts.by_kind.court_order).toBeGreaterThanOrEqual(1);

  const visitor = await (await browser.newContext({ colorScheme: "light" })).newPage();
  await visitor.goto(`${base()}/trust`);
  const section = visitor.getByRole("region", { name: "Government requests" });
  await expect(section).toContainText(period);
  // The latest period shown is this one unless a later one was issued; either way its counts come from a signed report.
  await expect(section.getByTestId("trust-transparency-history")).toHaveAttribute(
    "href",
    "/api/v1/transparency-reports",
  );
  const total = await section.getByTestId("trust-transparency-total").textContent();
  expect(Number(total)).toBe(issued.report.counts.total);
  await expect(section.getByRole("link", { name: "The signed report" })).toHaveAttribute(
    "href",
    `/api/v1/transparency-reports/${issued.id}`,
  );
  await expect(section).not.toContainText("Northwind");
  expect(await seriousViolations(visitor)).toEqual([]);
});
