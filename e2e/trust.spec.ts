import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, instanceUrl, test } from "./fixtures";

/**
 * The public trust page of af-south-1 (a region other specs leave alone, so its demo register
 * stays as seeded: five subprocessors in force, Intercom announced), as an anonymous visitor: it
 * loads without sign-in, lists what GET /api/v1/subprocessors lists, links the feeds (and
 * announces the Atom feed in its head), places the subprocessors' countries on the map as
 * keyboard-reachable links, passes axe at 390 px dark and 1440 px light, and prints without
 * navigation, buttons or the sign-up form, black on white.
 */

const REGION = "af-south-1" as const;
const url = () => `${instanceUrl(REGION)}/trust`;

interface Register {
  subprocessors: { id: string; name: string; locations: string[] }[];
  upcoming: { change_id: string; name: string; kind: string; effective_at: string }[];
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
}

async function sideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("an anonymous visitor reads the register, its upcoming change, the keys and the feeds", async ({ page }) => {
  test.setTimeout(90_000);
  const response = await page.goto(url());
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(url());
  await expect(page.getByRole("heading", { level: 1, name: "Trust: Africa (Cape Town)" })).toBeVisible();
  await expect(page.getByTestId("trust-region")).toContainText("South Africa (POPIA)");
  await expect(page.getByTestId("trust-region")).toContainText("Cape Town, South Africa");
  await expect(page.getByTestId("trust-tiers").getByRole("listitem")).not.toHaveCount(0);

  // The same list the JSON serves, in the same order.
  const register = (await (await page.request.get(`${instanceUrl(REGION)}/api/v1/subprocessors`)).json()) as Register;
  expect(register.subprocessors.length, "the demo seeds a register").toBeGreaterThan(0);
  const rows = page.getByTestId("trust-subprocessors").locator("tbody tr");
  await expect(rows).toHaveCount(register.subprocessors.length);
  await expect(rows.getByRole("rowheader")).toHaveText(register.subprocessors.map((s) => s.name));
  const aws = page.locator("#subprocessor-aws");
  await expect(aws).toContainText("Amazon Web Services EMEA SARL");
  await expect(aws).toContainText("None needed (no transfer)");
  await expect(aws).toContainText("South Africa (ZA)");
  // Data classes by their catalogue names, not their keys.
  await expect(page.locator("#subprocessor-postmark")).not.toContainText("customer_pii");

  // The announced change, with its effective date and zone.
  expect(register.upcoming.map((u) => u.name)).toContain("Intercom");
  const intercom = page.getByTestId("trust-upcoming-change").filter({ hasText: "Intercom" });
  await expect(intercom).toContainText("New subprocessor: Intercom");
  await expect(intercom.getByTestId("trust-effective-at")).toHaveText(
    /^Takes effect on \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC; announced on .+ UTC with \d+ days' notice\.$/,
  );

  // The feeds, linked by their addresses, and the Atom feed announced to feed readers.
  const feeds = page.getByTestId("trust-feeds");
  for (const href of [
    "/api/v1/subprocessors",
    "/api/v1/subprocessors?format=csv",
    "/subprocessors.atom",
    "/.well-known/trust.json",
    "/api/v1/subprocessors/snapshots",
  ])
    await expect(feeds.getByRole("link", { name: href, exact: true })).toHaveAttribute("href", href);
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    "href",
    /\/subprocessors\.atom$/,
  );
  await expect(page.getByRole("textbox", { name: "E-mail me about changes" })).toBeVisible();

  // The keys /.well-known/jwks.json serves, and the latest checkpoint.
  const jwks = (await (await page.request.get(`${instanceUrl(REGION)}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string; x: string }[];
  };
  const keys = page.getByTestId("trust-keys");
  for (const k of jwks.keys) {
    await expect(keys).toContainText(k.kid);
    await expect(keys).toContainText(k.x);
  }
  await expect(page.getByTestId("trust-checkpoint")).toContainText(/\d+ entries/);
  await expect(page.getByTestId("trust-checkpoint").getByRole("link")).toHaveAttribute(
    "href",
    "/api/v1/audit/checkpoint",
  );

  // Nothing on it names a tenant or a person.
  const text = (await page.locator("main").textContent()) ?? "";
  for (const word of ["Northwind", "Kestrel", "@", "northwind-"]) expect(text).not.toContain(word);
});

test("the map marks the region and its subprocessors' countries; a marker is a link the keyboard reaches", async ({
  page,
}) => {
  await page.goto(url());
  const map = page.getByTestId("trust-map");
  await expect(map.locator('[data-region="af-south-1"]')).toBeAttached();
  const us = map.locator('a[data-country="US"]');
  await expect(us).toHaveAccessibleName(/^United States \(US\): subprocessors .*Postmark/);
  await expect(map.locator('a[data-country="IE"]')).toHaveAccessibleName(/Intercom \(announced\)/);
  await expect(map.locator('a[data-country="ZA"]')).toHaveAccessibleName(/Amazon Web Services/);
  await us.focus();
  await expect(us).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#country-US$/);
  await expect(page.locator("#country-US")).toContainText("Postmark");
});

for (const { name, width, height, colorScheme } of [
  { name: "390 px dark", width: 390, height: 844, colorScheme: "dark" as const },
  { name: "1440 px light", width: 1440, height: 900, colorScheme: "light" as const },
]) {
  test.describe(name, () => {
    test.use({ viewport: { width, height }, colorScheme });
    test(`axe finds nothing serious at ${name}, and nothing scrolls sideways`, async ({ page }) => {
      await page.goto(url());
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (colorScheme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
    });
  });
}

test.describe("printed", () => {
  test.use({ colorScheme: "dark" });
  test("no navigation, buttons or form; black on white; the feeds' addresses on paper", async ({ page }) => {
    await page.goto(url());
    await expect(page.getByRole("navigation", { name: "Site" })).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Site" })).toBeHidden();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeHidden();
    // getByRole skips hidden elements: count the buttons in the markup, then check each is hidden.
    expect(await page.locator("button").count()).toBeGreaterThan(0);
    for (const button of await page.locator("button").all()) await expect(button).toBeHidden();
    await expect(page.getByRole("textbox", { name: "E-mail me about changes" })).toBeHidden();
    const colour = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).color);
    expect(await colour("h1")).toBe("rgb(0, 0, 0)");
    expect(await page.locator("#main").evaluate((el) => getComputedStyle(el.parentElement!).backgroundColor)).toBe(
      "rgb(255, 255, 255)",
    );
    expect(await colour('[data-testid="trust-subprocessors"] td')).toBe("rgb(0, 0, 0)");
    await expect(page.getByTestId("trust-feeds")).toContainText("/api/v1/subprocessors?format=csv");
    await expect(page.locator("#subprocessor-aws")).toBeVisible();
  });
});
