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
test.beforeAll(async () => {
  await seedLineage();
});

test("the decisions matrix shows allowed and denied cells, and the compiled policy", async ({ page, signIn }) => {
  await signIn(EU, "customer_admin");
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/decisions`);
  const matrix = page.getByTestId("decision-matrix");
  await expect(matrix).toBeVisible();
  await expect(matrix.locator('[data-cell="pseudonymised_analytics|region:me-central-1"]')).toContainText(
    "Pseudonymised",
  );
  await expect(matrix.locator('[data-cell="customer_pii|region:us-east-1"]')).toContainText("Denied");
  await page.getByRole("tab", { name: "Policy" }).click();
  await expect(page.getByTestId("policy-text")).toContainText("permit");
});

test("the lineage graph renders, and the backup to af-south-1 is a violation in the graph and the table", async ({
  page,
  signIn,
}) => {
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

test("the region map renders the home region, the flows and the violation, also as a table", async ({
  page,
  signIn,
}) => {
  await signIn(EU, "auditor");
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/map`);
  const map = page.getByTestId("region-map");
  await expect(map.locator('[data-region="eu-central-1"]')).toBeVisible();
  await expect(map.locator('path[data-arc="eu-central-1>af-south-1"][data-outcome="violation"]')).toBeAttached();
  await expect(page.getByTestId("map-findings")).toContainText("no decision allowing");
  // Keyboard: a marker is a button; Enter shows what the region holds.
  await map.locator('[data-region="af-south-1"]').focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("region-details")).toContainText("af-south-1");
  await page.getByRole("button", { name: "Table", exact: true }).click();
  await expect(page.getByTestId("map-region-table")).toContainText("eu-central-1");
  await expect(page.getByTestId("cross-border-table").locator('tr[data-outcome="violation"]').first()).toContainText(
    "af-south-1",
  );
});

test("the main controls are reachable by keyboard", async ({ page, signIn }) => {
  await signIn(EU, "customer_viewer");
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/decisions`);
  const matrixTab = page.getByRole("tab", { name: "Matrix" });
  await matrixTab.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Decisions" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Decisions" })).toHaveAttribute("aria-selected", "true");
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/lineage`);
  const search = page.getByLabel("Search datasets and jobs");
  await search.focus();
  await page.keyboard.type("backup");
  const focusButton = page.getByRole("button", { name: /Focus on nightly-warehouse-backup/ });
  await focusButton.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Focused on")).toBeVisible();
});

test("a decision the customer accepts turns a violating edge allowed", async ({ page, request, signIn }) => {
  // Token calls go through `request` (no cookies); the second officer approves with a browser session.
  // A data class and destination no other spec uses: us-east-1 receives nothing else from this tenant.
  const base = instanceUrl(EU);
  const ingest = readState().credentials.ingest_tokens[EU]!;
  const source: SimDataset = {
    namespace: "postgres://telemetry.eu-central-1.northwind.internal:5432",
    name: "telemetry.public.app_events",
    region: EU,
    dataClasses: ["usage_telemetry"],
  };
  const target: SimDataset = {
    namespace: "s3://northwind-telemetry-us-east-1",
    name: "exports/app_events",
    region: "us-east-1",
    dataClasses: ["usage_telemetry"],
  };
  const jobs = [{ name: "e2e-telemetry-export", inputs: [source], outputs: [target] }];
  await postEvents(base, ingest, runEvents(TENANT, jobs, base));

  const api = `${base}/api/v1/tenants/${TENANT}/decisions`;
  const as = (role: "compliance_officer" | "customer_admin") => ({
    authorization: `Bearer ${apiToken(EU, role).token}`,
  });
  const created = await request.post(api, {
    headers: as("compliance_officer"),
    data: {
      data_class: "usage_telemetry",
      destination: { kind: "region", id: "us-east-1" },
      outcome: "allow",
      legal_basis: "consent",
      effective_from: new Date(Date.now() - 86_400_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await request.post(`${api}/${id}/submit`, { headers: as("compliance_officer") })).status()).toBe(200);
  // Four eyes: the author cannot approve; the second officer of the region can.
  expect((await request.post(`${api}/${id}/approve`, { headers: as("compliance_officer") })).status()).toBe(403);
  await signIn(EU, { email: "compliance2.frankfurt@terrane-provider.example" });
  expect((await page.request.post(`${api}/${id}/approve`, { headers: { origin: base } })).status()).toBe(200);
  expect((await request.post(`${api}/${id}/accept`, { headers: as("customer_admin") })).status()).toBe(200);
  // The next run of the job is judged under the decision now in force.
  await postEvents(base, ingest, runEvents(TENANT, jobs, base));

  await signIn(EU, "customer_viewer");
  await page.goto(`${base}/t/${TENANT}/lineage`);
  await page.getByRole("button", { name: "Table", exact: true }).click();
  const row = page.getByTestId("cross-border-table").locator("tr", { hasText: "us-east-1" });
  await expect(row).toHaveAttribute("data-outcome", "allowed");
  await page.getByRole("button", { name: "Graph", exact: true }).click();
  // The graph opens at a readable zoom (on the most recent violation): fit it to see every edge's label.
  const graph = page.getByTestId("lineage-graph");
  await expect(graph).toHaveAttribute("aria-busy", "false");
  await graph.getByRole("button", { name: "Fit View" }).click();
  await expect(graph.getByText("Allowed by a decision").first()).toBeVisible();
});
