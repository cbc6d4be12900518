import { expect, instanceUrl, test } from "./fixtures";
import { readState } from "./support/state";
import { postEvents, runEvents, type SimDataset, type SimJob } from "../scripts/lib/lineage-simulator";

/**
 * A lineage graph above COLLAPSE_ABOVE (300) nodes: the page sends only the summary (every
 * region collapsed, no dataset in the HTML), and expanding a region fetches the whole graph,
 * with a progress note, and draws its datasets and jobs. Kestrel's lineage, which no other spec
 * draws, so Northwind's small demo graph stays on the small path for the other specs.
 */

const EU = "eu-central-1" as const;
const TENANT = "kestrel-eu";
const ADMIN = { email: "kim.admin@kestrel-health.example" };
const JOBS = 130;

function largeGraph(): SimJob[] {
  const ds = (name: string, region: string): SimDataset => ({
    namespace: `s3://kestrel-large-${region}`,
    name,
    region,
    dataClasses: ["health_data"],
  });
  const pad = (i: number) => String(i).padStart(3, "0");
  // 130 jobs, 390 datasets; every tenth job also copies to us-east-1 (a violation: health data stays in the EU).
  // eu-central-1 then holds 507 datasets and jobs: more than DRAW_REGION_LIMIT (500), so it is never drawn node by node.
  return Array.from({ length: JOBS }, (_, i) => ({
    name: `large-job-${pad(i)}`,
    inputs: [ds(`large-src-${pad(i)}`, EU)],
    outputs: [ds(`large-out-${pad(i)}`, EU), ds(`large-copy-${pad(i)}`, i % 10 === 0 ? "us-east-1" : EU)],
  }));
}

test.describe.configure({ timeout: 60_000 });
test.beforeAll(async () => {
  const base = instanceUrl(EU);
  const events = runEvents(TENANT, largeGraph(), base);
  for (let i = 0; i < events.length; i += 100)
    await postEvents(base, readState().credentials.ingest_tokens[EU]!, events.slice(i, i + 100), 30_000);
});

test("a large graph starts from the summary, all regions collapsed; expanding a region loads and draws its nodes", async ({
  page,
  signIn,
}) => {
  await signIn(EU, ADMIN);
  const response = await page.goto(`${instanceUrl(EU)}/t/${TENANT}/lineage`);
  expect(response?.status()).toBe(200);
  // The summary only: no node of the graph is in the document. (The violations to act on name
  // their own datasets, at most 50 of them: the copies to us-east-1 and their sources; the
  // outputs that stay in eu-central-1 are in no violation, and in no summary.)
  expect(await response!.text()).not.toContain("large-out-");
  await expect(page.getByTestId("lineage-findings")).toContainText(/^520 datasets and jobs/);

  const graph = page.getByTestId("lineage-graph");
  await expect(graph).toHaveAttribute("aria-busy", "false");
  await expect(graph.locator(".react-flow__node-region")).toHaveCount(2);
  await expect(graph.locator(".react-flow__node-lineage")).toHaveCount(0);
  await expect(graph.getByText("13 flows · Violation")).toBeVisible();
  // eu-central-1 is too large to draw: no expand control, and the page says what to do instead.
  await expect(page.getByRole("button", { name: "Expand eu-central-1" })).toHaveCount(0);
  await expect(graph.locator(".react-flow__node-region").filter({ hasText: "eu-central-1" })).toContainText(
    "Too many to draw",
  );
  await expect(page.getByText(/Regions with more than 500 datasets and jobs stay collapsed/)).toBeVisible();

  await page.getByRole("button", { name: "Expand us-east-1" }).click();
  // The whole graph comes (a progress note while it does), then its nodes are drawn.
  await expect(graph.locator(".react-flow__node-lineage").first()).toBeVisible({ timeout: 20_000 });
  await expect(graph).toHaveAttribute("aria-busy", "false");
  // The graph opens at a readable zoom, larger than the canvas, and only what is in view is drawn:
  // fit the whole graph in view to count every box.
  const fit = graph.getByRole("button", { name: "Fit View" });
  await fit.click();
  // us-east-1 holds the 13 copies; their jobs write as much to eu-central-1, and a tie places a job by region id.
  await expect(graph.locator(".react-flow__node-lineage")).toHaveCount(13);
  // Expand all draws every region that can be drawn; eu-central-1 stays collapsed.
  await page.getByRole("button", { name: "Expand all" }).click();
  await expect(graph).toHaveAttribute("aria-busy", "false");
  await fit.click();
  await expect(graph.locator(".react-flow__node-lineage")).toHaveCount(13);
  await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);

  // Search needs the whole graph, which is here now.
  await page.getByLabel("Search datasets and jobs").fill("large-src-042");
  await expect(page.getByRole("button", { name: /Focus on large-src-042/ })).toBeVisible();
});

test("searching a large graph loads the whole graph first, and says so", async ({ page, signIn }) => {
  await signIn(EU, ADMIN);
  // Hold the whole graph's answer (not the summary's) until the progress note has been seen.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`**/api/v1/tenants/${TENANT}/lineage`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/lineage`);
  const graph = page.getByTestId("lineage-graph");
  await expect(graph).toHaveAttribute("aria-busy", "false");
  await page.getByLabel("Search datasets and jobs").fill("large-copy-010");
  await expect(page.getByRole("status").filter({ hasText: "Loading 520 datasets and jobs…" }).first()).toBeVisible();
  await expect(graph).toHaveAttribute("aria-busy", "true");
  release();
  await expect(page.getByRole("button", { name: /Focus on large-copy-010 \(dataset, us-east-1\)/ })).toBeVisible({
    timeout: 20_000,
  });
  // Still collapsed: searching draws no node.
  await expect(page.getByTestId("lineage-graph").locator(".react-flow__node-lineage")).toHaveCount(0);
});
