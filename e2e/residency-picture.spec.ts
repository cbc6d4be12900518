import { expect, instanceUrl, test } from "./fixtures";
import { readState } from "./support/state";
import { postEvents, runEvents, demoTenants } from "../scripts/lib/lineage-simulator";

/**
 * One residency picture (issue 15, item 1), in Chromium on the demo world. Northwind EU's store
 * inventory holds data in eu-central-1 and us-east-1 (its DR replica); the demo's pipelines copy
 * data to me-central-1 (allowed) and to af-south-1 (a backup no decision allows). The overview,
 * the map, lineage and the API must name the same regions and count the same open violations,
 * whatever other specs have added to the world.
 */

const EU = "eu-central-1" as const;
const TENANT = "northwind-eu";
const STATED = ["eu-central-1", "af-south-1", "me-central-1", "us-east-1"];

interface Overview {
  regions: { region: string; home: boolean; stores: unknown[]; datasets: number }[];
  open_violations: number;
}
interface Lineage {
  regions: { region: string | null }[];
  findings: { open_alerts: { border_violation: number } };
}

test.describe.configure({ timeout: 120_000 });
test.beforeAll(async () => {
  const base = instanceUrl(EU);
  const nw = demoTenants().find((t) => t.slug === TENANT)!;
  await postEvents(base, readState().credentials.ingest_tokens[EU]!, runEvents(TENANT, nw.jobs, base));
});

test("overview, map, lineage and the API tell the same story of where the data is", async ({ page, signIn }) => {
  await signIn(EU, "customer_admin");
  const base = instanceUrl(EU);
  const api = (await (await page.request.get(`${base}/api/v1/tenants/${TENANT}`)).json()) as Overview;
  const lineage = (await (
    await page.request.get(`${base}/api/v1/tenants/${TENANT}/lineage?view=summary`)
  ).json()) as Lineage;
  const regions = api.regions.map((r) => r.region);

  // Stated from the seed: home first, then the others by id; af-south-1 and me-central-1 only by lineage.
  expect(regions[0]).toBe("eu-central-1");
  for (const r of STATED) expect(regions).toContain(r);
  expect(api.regions.find((r) => r.region === "af-south-1")).toMatchObject({ home: false, stores: [] });
  expect(api.regions.find((r) => r.region === "af-south-1")!.datasets).toBeGreaterThan(0);
  // The nightly backup to af-south-1 has no decision: at least that violation is open.
  expect(api.open_violations).toBeGreaterThanOrEqual(1);
  // Lineage's own regions are among them, and its findings count the same violations.
  for (const g of lineage.regions) if (g.region) expect(regions).toContain(g.region);
  expect(lineage.findings.open_alerts.border_violation).toBe(api.open_violations);

  // The overview page: one section per region in the API's order, the abroad ones flagged and named.
  await page.goto(`${base}/t/${TENANT}`);
  await expect(page.locator("section[data-region]")).toHaveCount(regions.length);
  expect(
    await page.locator("section[data-region]").evaluateAll((s) => s.map((e) => e.getAttribute("data-region"))),
  ).toEqual(regions);
  const abroad = page.getByTestId("regions-abroad");
  for (const r of regions.slice(1)) await expect(abroad).toContainText(r);
  await expect(page.locator('section[data-region="af-south-1"]').getByTestId("region-holdings")).toContainText(
    "(lineage)",
  );
  await expect(page.locator('section[data-region="af-south-1"]')).toContainText("Outside the home region");
  const violations = page.getByTestId("open-violations");
  await expect(violations).toContainText(
    `${api.open_violations} open border violation${api.open_violations === 1 ? "" : "s"}`,
  );

  // The map's table: the places holding data (stores or lineage) are the same regions.
  await page.goto(`${base}/t/${TENANT}/map`);
  await expect(page.getByTestId("map-findings")).toContainText(
    `${api.open_violations} open violation alert${api.open_violations === 1 ? "" : "s"}`,
  );
  await page.getByRole("button", { name: "Table", exact: true }).click();
  const rows = page.getByTestId("map-region-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const holding = await rows.evaluateAll((trs) =>
    trs
      .map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent ?? ""))
      .filter((cells) => /\b(stores|lineage)\b/.test(cells[2] ?? ""))
      .map((cells) => cells[0]!.split(" ")[0]!),
  );
  expect([...holding].sort()).toEqual([...regions].sort());
  // Class names, not keys.
  await expect(page.getByTestId("map-region-table")).toContainText("Customer personal data");
  await expect(page.getByTestId("map-region-table")).not.toContainText("customer_pii");

  // From the overview's notice to the violating flows.
  await page.goto(`${base}/t/${TENANT}`);
  await violations.getByRole("link", { name: "See the violating flows in Lineage" }).click();
  await page.waitForURL(`${base}/t/${TENANT}/lineage#violations`);
  await expect(page.getByTestId("lineage-findings")).toBeVisible();
  // The open violations are flows to act on, listed where the link lands.
  await expect(page.getByTestId("lineage-violations")).toBeVisible();
});
