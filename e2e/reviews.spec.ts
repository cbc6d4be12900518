import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { apiToken, expect, instanceUrl, signInWithApi, test } from "./fixtures";
import { readState } from "./support/state";
import { postEvents, runEvents, type SimDataset } from "../scripts/lib/lineage-simulator";

/**
 * A compliance officer of eu-central-1 works through the review queue. The items come from their
 * real sources through the API: a border violation and an unplaced dataset from OpenLineage
 * ingest, an access outside any grant from the data plane's access events, an emergency access
 * opened by a second provider person, a subprocessor proposal by the provider admin, and the
 * seed's sharing decision in review (which this officer wrote: four eyes). On a desktop the
 * officer filters by kind with the keyboard (the filter lands in the URL), saves the view, and
 * resolves the outside-grant access with a rationale, keyboard only, after the dialog named the
 * consequence; on a phone in dark mode the officer claims the border violation and resolves it,
 * and the alert is resolved in the tenant's lineage. axe finds nothing serious at 390 px dark.
 */

const REGION = "eu-central-1" as const;
const TENANT = "northwind-eu";
const COMPLIANCE = { email: "compliance.frankfurt@terrane-provider.example" };
const base = () => instanceUrl(REGION);
const queue = (query = "") => `${base()}/region/reviews${query ? `?${query}` : ""}`;
const SUBPROCESSOR = "Reviewbot Analytics";

async function pageAs(browser: Browser, look: { width: number; height: number; colorScheme: "light" | "dark" }) {
  const context = await browser.newContext({
    viewport: { width: look.width, height: look.height },
    colorScheme: look.colorScheme,
    locale: "en-US",
  });
  await signInWithApi(context.request, REGION, COMPLIANCE);
  return context.newPage();
}

const bearer = (role: "support_engineer" | "provider_admin") => ({
  authorization: `Bearer ${apiToken(REGION, role).token}`,
  "content-type": "application/json",
});

async function post(path: string, headers: Record<string, string>, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${base()}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Every source but the seed's sharing decision, through the real APIs. */
async function seedSources(): Promise<void> {
  const ingest = readState().credentials.ingest_tokens[REGION]!;
  const run = Date.now().toString(36);
  const source: SimDataset = {
    namespace: "postgres://crm.eu-central-1.northwind.internal:5432",
    name: `crm.public.contacts_review_${run}`,
    region: REGION,
    dataClasses: ["customer_pii"],
  };
  const abroad: SimDataset = {
    namespace: "s3://northwind-review-af-south-1",
    name: `exports/contacts_${run}`,
    region: "af-south-1",
    dataClasses: ["customer_pii"],
  };
  await postEvents(
    base(),
    ingest,
    runEvents(TENANT, [{ name: `e2e-review-export-${run}`, inputs: [source], outputs: [abroad] }], base()),
  );
  // A dataset nobody places: no terrane_residency facet, a namespace no rule matches.
  const nowhere: SimDataset = {
    namespace: "gs://review-scratch",
    name: `dump_${run}`,
    region: REGION,
    dataClasses: [],
  };
  const unplacedEvents = runEvents(
    TENANT,
    [{ name: `e2e-review-dump-${run}`, inputs: [source], outputs: [nowhere] }],
    base(),
  );
  for (const e of unplacedEvents as { outputs?: { facets?: Record<string, unknown> }[] }[])
    for (const o of e.outputs ?? []) delete o.facets?.terrane_residency;
  await postEvents(base(), ingest, unplacedEvents);
  const accessed = await fetch(`${base()}/api/v1/ingest/access-events`, {
    method: "POST",
    headers: { authorization: `Bearer ${ingest}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: `e2e-review-${run}`,
      time: new Date().toISOString(),
      tenant: TENANT,
      principal: "support.frankfurt@terrane-provider.example",
      employer: "Terrane Cloud GmbH",
      office_country: "DE",
      location_country: "DE",
      data_class: "business_records",
      operation: "read",
      method: "sql_console",
      reason: "customer_initiated_support",
    }),
  });
  expect(accessed.status).toBe(200);
  const opened = await post(`/api/v1/tenants/${TENANT}/support-access/break-glass`, bearer("support_engineer"), {
    scope: { stores: [], data_classes: ["business_records"], access: "read" },
    reason: "production_alert_response",
    detail: "P1 alert on the tracking index (e2e review queue).",
    duration_minutes: 15,
  });
  await post(
    `/api/v1/tenants/${TENANT}/support-access/requests/${String(opened.id)}/confirm`,
    bearer("provider_admin"),
    {},
  );
  await post("/api/v1/region/subprocessors", bearer("provider_admin"), {
    name: SUBPROCESSOR,
    legal_entity: "Reviewbot Analytics GmbH",
    service: "Product analytics",
    purpose: "Counts feature usage for the product team.",
    data_classes: ["support_content"],
    locations: ["DE"],
    storage_regions: [],
    transfer_mechanism: "none_needed",
    scc_module: null,
    dpa_date: "2026-10-01",
    certifications: [],
    key_custody: [],
    website: null,
  });
}

async function rejectLeftovers(): Promise<void> {
  // The provider admin withdraws the proposal if a failed run left it open.
  const r = await fetch(`${base()}/api/v1/region/subprocessors?state=proposed`, { headers: bearer("provider_admin") });
  if (r.status !== 200) return;
  const { changes } = (await r.json()) as { changes: { id: string; name: string; state: string }[] };
  for (const c of changes.filter((c) => c.name === SUBPROCESSOR && c.state === "proposed"))
    await post(`/api/v1/region/subprocessor-changes/${c.id}/withdraw`, bearer("provider_admin"), {
      note: "e2e cleanup",
    });
}

async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  await rejectLeftovers();
  await seedSources();
});

test.afterAll(async () => {
  await rejectLeftovers();
});

test("the queue lists every kind its sources opened; four eyes marks the officer's own work", async ({ browser }) => {
  const page = await pageAs(browser, { width: 1440, height: 900, colorScheme: "light" });
  await page.goto(queue("per_page=200"));
  await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
  const table = page.getByTestId("review-items");
  for (const kind of [
    "border_violation",
    "region_unknown",
    "outside_grant_access",
    "break_glass",
    "subprocessor_change",
    "sharing_decision",
  ])
    await expect(table.locator(`tr[data-kind="${kind}"]`).first(), kind).toBeVisible();
  // The seed's sharing decision in review was written by this officer: no Resolve, said plainly.
  const own = table.locator('tr[data-kind="sharing_decision"]').filter({ hasText: "Your own work" });
  await expect(own.first()).toBeVisible();
  // The navigation counts what is open.
  await expect(page.getByTestId("nav-count-reviews")).toBeVisible();
  await page.context().close();
});

test("desktop, keyboard only: filter by kind (kept in the URL), save the view, resolve an access outside a grant", async ({
  browser,
}) => {
  const page = await pageAs(browser, { width: 1440, height: 900, colorScheme: "light" });
  await page.goto(queue());
  await page.getByLabel("Kind").focus();
  await page.getByLabel("Kind").selectOption("outside_grant_access");
  await page.getByRole("button", { name: "Apply" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/kind=outside_grant_access/);
  const rows = page.getByTestId("review-items").locator('tr[data-kind="outside_grant_access"]');
  await expect(rows.first()).toBeVisible();
  await expect(
    page.getByTestId("review-items").locator("tr[data-kind]:not([data-kind='outside_grant_access'])"),
  ).toHaveCount(0);

  await page.getByLabel("Save these filters as").fill("Access findings");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("saved-views").getByRole("link", { name: "Access findings" })).toBeVisible();

  const row = rows.filter({ hasText: "support.frankfurt" }).first();
  await row.getByRole("button", { name: "Resolve…" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Explained").focus();
  await page.keyboard.press("Space");
  await expect(dialog.getByTestId("consequence")).toHaveText(/recorded as explained/);
  await dialog.getByLabel("Rationale").focus();
  await page.keyboard.type("Ticket NW-5000 covers these reads; the grant had just expired.");
  await page.keyboard.press("Tab");
  await dialog.getByRole("button", { name: "Explained" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("queue-status")).toHaveText(/Resolved: .*Explained/);
  await page.context().close();
});

test("390 px, dark: claim the border violation, resolve it; the tenant's list says the outcome", async ({
  browser,
}) => {
  const page = await pageAs(browser, { width: 390, height: 844, colorScheme: "dark" });
  await page.goto(queue("kind=border_violation"));
  const row = page
    .getByTestId("review-items")
    .locator('tr[data-kind="border_violation"]')
    .filter({ hasText: "af-south-1" })
    .first();
  await expect(row).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await row.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByTestId("queue-status")).toHaveText(/Claimed/);
  const claimed = page
    .getByTestId("review-items")
    .locator('tr[data-kind="border_violation"]')
    .filter({ hasText: "In review" })
    .first();
  await claimed.getByRole("button", { name: "Resolve…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Remediated").check();
  await expect(dialog.getByTestId("consequence")).toHaveText(/stays in the tenant's history/);
  await dialog.getByLabel("Rationale").fill("The export job was stopped and the bucket emptied.");
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Remediated" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("queue-status")).toHaveText(/Resolved/);
  const theirs = await fetch(`${base()}/api/v1/tenants/${TENANT}/reviews`, {
    headers: { authorization: `Bearer ${apiToken(REGION, "customer_admin").token}` },
  });
  const { items } = (await theirs.json()) as {
    items: { kind: string; outcome: string | null; rationale: string | null }[];
  };
  expect(items).toContainEqual(
    expect.objectContaining({
      kind: "border_violation",
      outcome: "remediated",
      rationale: "The export job was stopped and the bucket emptied.",
    }),
  );
  await page.context().close();
});

test("the customer reads the outcome on its Governance tab, at 390 px in dark mode", async ({ browser }) => {
  const ana = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  await signInWithApi(ana.request, REGION, { email: "ana.admin@northwind.example" });
  const anaPage = await ana.newPage();
  await anaPage.goto(`${base()}/t/${TENANT}/governance/reviews`);
  await expect(anaPage.getByRole("link", { name: "Review items" })).toBeVisible();
  await expect(anaPage.getByTestId("tenant-review-items")).toContainText("The export job was stopped");
  expect(await seriousViolations(anaPage)).toEqual([]);
  await ana.close();
});
