import { apiToken, expect, instanceUrl, test } from "./fixtures";
import { readState } from "./support/state";
import { postEvents, runEvents, demoTenants, type SimDataset } from "../scripts/lib/lineage-simulator";

/**
 * The residency views in Chromium: the sharing-decision matrix, the lineage graph and the region
 * map, with the demo's lineage (the simulator's pipeline) posted through the real ingest API.
 * The acceptance test uses a data class and destination no other spec touches.
 */

const EU = "eu-central-1" as const;
const TENANT = "northwind-eu";

async function seedLineage(): Promise<void> {
  const base = instanceUrl(EU);
  const token = readState().credentials.ingest_tokens[EU]!;
  const nw = demoTenants().find((t) => t.slug === TENANT)!;
  await postEvents(base, token, runEvents(TENANT, nw.jobs, base));
}

test.describe.configure({ timeout: 90_000 });
test.beforeAll(async () => { await seedLineage(); });

test("the decisions matrix shows allowed and denied cells, and the compiled policy", async ({ page, signIn }) => {
  await signIn(EU, "customer_admin");
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/decisions`);
  const matrix = page.getByTestId("decision-matrix");
  await expect(matrix).toBeVisible();
  await expect(matrix.locator('[data-cell="pseudonymised_analytics|region:me-central-1"]')).toContainText("Pseudonymised");
  await expect(matrix.locator('[data-cell="customer_pii|region:us-east-1"]')).toContainText("Denied");
  await page.getByRole("tab", { name: "Policy" }).click();
  await expect(page.getByTestId("policy-text")).toContainText("permit");
});

test("the lineage graph renders, and the backup to af-south-1 is a violation in the graph and the table", async ({ page, signIn }) => {
  await signIn(EU, "customer_viewer");
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/lineage`);
  const graph = page.getByTestId("lineage-graph");
  await expect(graph.locator(".react-flow__node").first()).toBeVisible();
  await expect(graph.locator(".react-flow__edge").first()).toBeAttached();
  await expect(graph.getByText(/Violation/).first()).toBeVisible();
  await page.getByRole("button", { name: "Table", exact: true }).click();
  const row = page.getByTestId("cross-border-table").locator('tr[data-outcome="violation"]').first();
  await expect(row).toContainText("af-south-1");
});
