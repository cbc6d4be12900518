import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { apiToken, expect, instanceUrl, signInWithApi, test } from "./fixtures";
import { readState, type Role } from "./support/state";
import { postEvents, runEvents, type SimDataset } from "../scripts/lib/lineage-simulator";
import { KINDS, outcomeOf, type ReviewKind } from "../modules/reviews/domain/kinds";

/**
 * The compliance officers of eu-central-1 work through the review queue. The items come from their
 * real sources through the API: border violations and an unplaced dataset from OpenLineage
 * ingest, accesses outside any grant from the data plane's access events, an emergency access
 * opened by a second provider person, a subprocessor proposal by the provider admin, a sharing
 * decision the first officer wrote and submitted (the seed has one in review too), a quarterly
 * attestation a customer admin asked for, an auditor's request for more periods, and Kestrel's
 * objection to a subprocessor change announced for this run. On a desktop the officer filters by
 * kind with the keyboard (the filter lands in the URL), saves the view, and resolves the
 * outside-grant access with a rationale, keyboard only, after the dialog named the consequence; on
 * a phone in dark mode the officer claims the border violation and resolves it, and the alert is
 * resolved in the tenant's lineage. axe finds nothing serious at 390 px dark. Then, on a desktop,
 * the officers decide one item of each of the nine kinds from the queue filtered to that kind:
 * the first officer sees "Your own work" and no Resolve on the decision they wrote, and the second
 * officer sends it back; each item leaves the open list and its source says the decision. The
 * compliance desk's open count of attestations goes down by one, and its kind link opens the queue
 * filtered to that kind.
 *
 * Every run creates its own items, so a retry in the same world starts afresh, and what could
 * change another spec's world is undone before and after: the proposals and the announced change
 * are withdrawn (an objection still open is closed as withdrawn), the decision is withdrawn, and a
 * request or quarterly draft left waiting by a failed run is denied or rejected.
 */

const REGION = "eu-central-1" as const;
const TENANT = "northwind-eu";
const COMPLIANCE = { email: "compliance.frankfurt@terrane-provider.example" };
/** The region's second compliance officer: reviews what the first one wrote (four eyes). */
const SECOND_OFFICER = { email: "compliance2.frankfurt@terrane-provider.example" };
/** Kestrel's customer admin objects; other specs object for Northwind only. */
const KESTREL = "kestrel-eu";
const KIM = { email: "kim.admin@kestrel-health.example" };
const base = () => instanceUrl(REGION);
const queue = (query = "") => `${base()}/region/reviews${query ? `?${query}` : ""}`;
const SUBPROCESSOR = "Reviewbot Analytics";
/** Each run announces its own change with this prefix, so its objection is always new. */
const ANNOUNCED = "Reviewbot Chat";
/** Each run's sharing decision goes to its own partner with this prefix. */
const PARTNER = "E2E Review Desk";
/** Whose access outside a grant the last test closes as a duplicate (the keyboard test explains support's). */
const OUTSIDE_PRINCIPAL = "platform.frankfurt@terrane-provider.example";

type Who = Role | { email: string };

async function pageAs(
  browser: Browser,
  look: { width: number; height: number; colorScheme: "light" | "dark" },
  who: { email: string } = COMPLIANCE,
) {
  const context = await browser.newContext({
    viewport: { width: look.width, height: look.height },
    colorScheme: look.colorScheme,
    locale: "en-US",
  });
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

const bearer = (who: Who) => ({
  authorization: `Bearer ${apiToken(REGION, who).token}`,
  "content-type": "application/json",
});

async function post(path: string, headers: Record<string, string>, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${base()}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function get<T>(path: string, who: Who): Promise<T> {
  const r = await fetch(`${base()}${path}`, { headers: bearer(who) });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
}

interface ReviewItemJson {
  id: string;
  kind: ReviewKind;
  tenant: { slug: string } | null;
  source_id: string;
  title: string;
  state: string;
  outcome: string | null;
  rationale: string | null;
}

/** The open items of a kind (and tenant), as the first officer's API sees them. */
async function openItems(kind: ReviewKind, tenant: string | null): Promise<ReviewItemJson[]> {
  const q = new URLSearchParams({ kind, per_page: "200", ...(tenant ? { tenant } : {}) });
  return (await get<{ items: ReviewItemJson[] }>(`/api/v1/region/reviews?${q}`, "compliance_officer")).items;
}

/** The open item of a kind whose source matches, once its source has opened it. */
async function itemFor(
  kind: ReviewKind,
  tenant: string | null,
  match: (i: ReviewItemJson) => boolean,
): Promise<ReviewItemJson> {
  let found: ReviewItemJson | undefined;
  await expect
    .poll(async () => (found = (await openItems(kind, tenant)).find(match))?.id ?? null, {
      message: `an open ${kind} item`,
    })
    .not.toBeNull();
  return found!;
}

/** What the run created for the officers to decide: one open item of every kind. */
const mine = {} as Record<ReviewKind, ReviewItemJson>;
/** The sources behind some of them, to read the decision back and to clean up. */
const sources = { decision: "", objection: "", scopeRequest: "", attestation: "", proposal: "" };

/** The sources the first tests list and decide, through the real APIs (the sharing decision is the seed's). */
async function seedSources(): Promise<{ run: string; breakGlass: string; proposal: string }> {
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
  const proposed = await post("/api/v1/region/subprocessors", bearer("provider_admin"), {
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
  return { run, breakGlass: String(opened.id), proposal: String(proposed.change_id) };
}

/** The last calendar quarter that has ended, as `{from, to}` days (to exclusive). */
function lastQuarter(now = new Date()): { from: string; to: string } {
  const start = Math.floor(now.getUTCMonth() / 3) * 3;
  const to = new Date(Date.UTC(now.getUTCFullYear(), start, 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), start - 3, 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/**
 * The sources of the kinds the first tests leave alone, each through its real API, and the open
 * item of every kind for the new test: a second border violation (payment data) and a second
 * person's access outside a grant on Northwind, a decision the first officer writes and submits,
 * a change announced for this run that Kestrel objects to, a quarter Ana asks to attest, and
 * Audrey's request for earlier periods.
 */
async function seedTheRest(seeded: { run: string; breakGlass: string; proposal: string }): Promise<void> {
  const { run } = seeded;
  const ingest = readState().credentials.ingest_tokens[REGION]!;
  const before = new Set((await openItems("border_violation", TENANT)).map((i) => i.id));
  const payments: SimDataset = {
    namespace: "postgres://billing.eu-central-1.northwind.internal:5432",
    name: `billing.public.payments_review_${run}`,
    region: REGION,
    dataClasses: ["payment_data"],
  };
  const abroad: SimDataset = {
    namespace: "s3://northwind-review-af-south-1",
    name: `exports/payments_${run}`,
    region: "af-south-1",
    dataClasses: ["payment_data"],
  };
  await postEvents(
    base(),
    ingest,
    runEvents(TENANT, [{ name: `e2e-review-payments-${run}`, inputs: [payments], outputs: [abroad] }], base()),
  );
  const accessed = await fetch(`${base()}/api/v1/ingest/access-events`, {
    method: "POST",
    headers: { authorization: `Bearer ${ingest}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: `e2e-review-platform-${run}`,
      time: new Date().toISOString(),
      tenant: TENANT,
      principal: OUTSIDE_PRINCIPAL,
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

  // The first officer writes a decision and submits it: theirs to propose, the second's to review.
  const decision = await post(`/api/v1/tenants/${TENANT}/decisions`, bearer("compliance_officer"), {
    data_class: "security_logs",
    destination: { kind: "partner", id: `${PARTNER} ${run}`, location: "DE" },
    outcome: "deny",
    effective_from: new Date(Date.now() - 86_400_000).toISOString(),
    notes: "No security logs to the review desk's partner (e2e review queue).",
  });
  sources.decision = String(decision.id);
  await post(`/api/v1/tenants/${TENANT}/decisions/${sources.decision}/submit`, bearer("compliance_officer"), {});
  const version = (decision.pending as { id: string }).id;

  // A change announced for this run (the provider admin proposes, the first officer announces);
  // Kestrel's admin objects to it.
  const proposed = await post("/api/v1/region/subprocessors", bearer("provider_admin"), {
    name: `${ANNOUNCED} ${run}`,
    legal_entity: "Reviewbot Chat GmbH",
    service: "Chat transcripts",
    purpose: "Keeps support chat transcripts for the support team.",
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
  await post(
    `/api/v1/region/subprocessor-changes/${String(proposed.change_id)}/approve`,
    bearer("compliance_officer"),
    {
      note: "Announced for the e2e review queue; withdrawn after the run.",
    },
  );
  const objection = await post(`/api/v1/tenants/${KESTREL}/subprocessor-objections`, bearer(KIM), {
    change_id: String(proposed.change_id),
    reason: "Chat transcripts may name patients: Kestrel wants its data kept away from this subprocessor.",
  });
  sources.objection = String(objection.id);

  // A quarter's attestation is a draft for review; Ana asks for the last quarter that ended.
  const attestation = await post(`/api/v1/tenants/${TENANT}/attestations`, bearer("customer_admin"), lastQuarter());
  expect(attestation).toMatchObject({ kind: "quarter", state: "awaiting_review" });
  sources.attestation = String(attestation.id);

  // Audrey asks for earlier periods and a later end (undoTheRest denied any left waiting: one at a time).
  const asked = await post(`/api/v1/tenants/${TENANT}/engagement/scope-requests`, bearer("auditor"), {
    access: "evidence",
    from: "2020-01-01",
    to: "2030-01-01",
    reason: "The group audit compares residency since 2020 (e2e review queue).",
  });
  sources.scopeRequest = String(asked.id);
  sources.proposal = seeded.proposal;

  const today = new Date().toISOString().slice(0, 10);
  Object.assign(mine, {
    sharing_decision: await itemFor("sharing_decision", TENANT, (i) => i.source_id === version),
    border_violation: await itemFor(
      "border_violation",
      TENANT,
      (i) => !before.has(i.id) && i.title.startsWith("payment_data from eu-central-1"),
    ),
    region_unknown: await itemFor("region_unknown", TENANT, (i) => i.title.includes(`dump_${run}`)),
    outside_grant_access: await itemFor(
      "outside_grant_access",
      TENANT,
      (i) => i.title.startsWith(OUTSIDE_PRINCIPAL) && i.source_id.endsWith(today),
    ),
    break_glass: await itemFor("break_glass", TENANT, (i) => i.source_id === seeded.breakGlass),
    subprocessor_change: await itemFor("subprocessor_change", null, (i) => i.source_id === seeded.proposal),
    subprocessor_objection: await itemFor("subprocessor_objection", KESTREL, (i) => i.source_id === sources.objection),
    attestation: await itemFor("attestation", TENANT, (i) => i.source_id === sources.attestation),
    scope_request: await itemFor("scope_request", TENANT, (i) => i.source_id === sources.scopeRequest),
  } satisfies Record<ReviewKind, ReviewItemJson>);
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

/**
 * Undoes what the new test's sources could change for other specs, whatever state a run left
 * them in: the announced changes are withdrawn (and an objection still open is closed as
 * withdrawn), this spec's sharing decisions withdrawn, a request of Audrey's still waiting denied,
 * and a quarterly draft of this run still awaiting review rejected.
 */
async function undoTheRest(): Promise<void> {
  const register = await get<{ changes: { id: string; name: string; state: string }[] }>(
    "/api/v1/region/subprocessors",
    "provider_admin",
  );
  for (const c of register.changes.filter(
    (c) => c.name.startsWith(ANNOUNCED) && (c.state === "proposed" || c.state === "announced"),
  ))
    await post(`/api/v1/region/subprocessor-changes/${c.id}/withdraw`, bearer("provider_admin"), {
      note: "Withdrawn by the e2e review queue spec after its run.",
    });
  const objections = await get<{ objections: { id: string; state: string; subprocessor_name: string }[] }>(
    `/api/v1/tenants/${KESTREL}/subprocessor-objections`,
    KIM,
  );
  for (const o of objections.objections.filter((o) => o.state === "open" && o.subprocessor_name.startsWith(ANNOUNCED)))
    await post(`/api/v1/region/subprocessor-objections/${o.id}/resolve`, bearer("compliance_officer"), {
      outcome: "change_withdrawn",
      resolution: "The change was withdrawn after the e2e run.",
    });
  const { decisions } = await get<{ decisions: { id: string; destination: { id: string }; pending: unknown }[] }>(
    `/api/v1/tenants/${TENANT}/decisions`,
    "compliance_officer",
  );
  for (const d of decisions.filter((d) => d.destination.id.startsWith(PARTNER) && d.pending))
    await post(`/api/v1/tenants/${TENANT}/decisions/${d.id}/withdraw`, bearer("compliance_officer"), {});
  const { auditors } = await get<{
    auditors: { id: string; email: string; scope_request: { id: string; state: string } | null }[];
  }>(`/api/v1/tenants/${TENANT}/auditors`, "customer_admin");
  const audrey = auditors.find((a) => a.email === "audrey.auditor@ledgerline.example");
  if (audrey?.scope_request?.state === "pending")
    await post(
      `/api/v1/tenants/${TENANT}/auditors/${audrey.id}/scope-requests/${audrey.scope_request.id}`,
      bearer("customer_admin"),
      { decision: "deny", note: "Cleared by the e2e review queue spec." },
    );
  if (sources.attestation) {
    const { attestations } = await get<{ attestations: { id: string; state: string }[] }>(
      `/api/v1/tenants/${TENANT}/attestations`,
      "customer_admin",
    );
    if (attestations.find((a) => a.id === sources.attestation)?.state === "awaiting_review")
      await post(`/api/v1/tenants/${TENANT}/attestations/${sources.attestation}/review`, bearer("compliance_officer"), {
        decision: "reject",
        note: "Rejected by the e2e review queue spec after its run.",
      });
  }
}

async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await rejectLeftovers();
  await undoTheRest();
  await seedTheRest(await seedSources());
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await rejectLeftovers();
  await undoTheRest();
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

/** Which outcome the new test chooses for each kind: valid in this world, and undone or inert for other specs. */
const CHOSEN: Record<ReviewKind, { outcome: string; rationale: string }> = {
  sharing_decision: {
    outcome: "reject",
    rationale: "Say which security logs the review desk would receive before this goes to the customer.",
  },
  border_violation: { outcome: "false_positive", rationale: "A test export of synthetic payments: no real data left." },
  region_unknown: { outcome: "remediated", rationale: "The scratch bucket is in Frankfurt; the job now says so." },
  outside_grant_access: {
    outcome: "duplicate",
    rationale: "Covered by the explained item for the same incident (ticket NW-5000).",
  },
  break_glass: { outcome: "reviewed", rationale: "P1 on the tracking index: reads only, within 15 minutes." },
  subprocessor_change: { outcome: "reject", rationale: "No DPA signed yet; propose it again once it is." },
  subprocessor_objection: {
    outcome: "tenant_excluded",
    rationale: "Kestrel's chat transcripts stay with the current support desk; Reviewbot never receives them.",
  },
  attestation: { outcome: "reject", rationale: "Drafted for the e2e run: not for publication." },
  scope_request: {
    outcome: "deny",
    rationale: "The engagement covers the current audit; invite again for the group audit.",
  },
};

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The queue filtered to one kind (and the item's tenant) through the filter form, on `page`. */
async function filterTo(page: Page, item: ReviewItemJson) {
  await page.goto(queue(item.tenant ? `tenant=${item.tenant.slug}` : ""));
  await page.getByLabel("Kind").selectOption(item.kind);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]kind=${item.kind}(&|$)`));
  const table = page.getByTestId("review-items");
  await expect(table.locator(`tr[data-kind]:not([data-kind="${item.kind}"])`)).toHaveCount(0);
  const row = table.locator(`tr[data-item="${item.id}"]`);
  await expect(row, `${item.kind}: ${item.title}`).toBeVisible();
  return row;
}

/** Resolves the item from its row with the chosen outcome and rationale; it leaves the open list. */
async function resolveFromQueue(page: Page, item: ReviewItemJson): Promise<void> {
  const { outcome: key, rationale } = CHOSEN[item.kind];
  const outcome = outcomeOf(item.kind, key)!;
  const row = await filterTo(page, item);
  await row.getByRole("button", { name: "Resolve…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`${KINDS[item.kind].label}: ${item.title}`);
  await dialog.getByRole("radio", { name: outcome.label }).check();
  await expect(dialog.getByTestId("consequence")).toHaveText(outcome.consequence);
  const confirm = dialog.getByRole("button", { name: outcome.label, exact: true });
  // A rationale is required.
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Rationale").fill(rationale);
  await confirm.click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("queue-status")).toHaveText(
    new RegExp(`^${outcome.state === "dismissed" ? "Dismissed" : "Resolved"}: .*\\(${escaped(outcome.label)}\\)\\.$`),
  );
  await expect(row).toHaveCount(0);
  const closed = await get<ReviewItemJson>(`/api/v1/region/reviews/${item.id}`, "compliance_officer");
  expect(closed, item.kind).toMatchObject({ state: outcome.state, outcome: key, rationale });
}

/** The desk's open count of one kind. */
async function deskOpen(page: Page, kind: ReviewKind): Promise<number> {
  await page.goto(`${base()}/region`);
  await expect(page.getByRole("heading", { name: "Compliance desk", level: 1 })).toBeVisible();
  const text = await page.getByTestId("desk-queue").locator(`tr[data-kind="${kind}"] td`).first().textContent();
  return Number((text ?? "").replace(/\D/g, ""));
}

test("desktop: the officers decide one item of every kind from the filtered queue; the desk counts it", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const page = await pageAs(browser, { width: 1440, height: 900, colorScheme: "light" });
  const second = await pageAs(browser, { width: 1440, height: 900, colorScheme: "light" }, SECOND_OFFICER);
  try {
    const attestationsBefore = await deskOpen(page, "attestation");
    expect(attestationsBefore).toBeGreaterThanOrEqual(1);

    await test.step("four eyes: the decision the first officer wrote is the second officer's to send back", async () => {
      const item = mine.sharing_decision;
      const own = await filterTo(page, item);
      await expect(own).toContainText("Your own work");
      await expect(own.getByRole("button", { name: "Resolve…" })).toHaveCount(0);
      await resolveFromQueue(second, item);
      const decision = await get<{
        pending: { id: string; state: string } | null;
        versions: { id: string; state: string; events: { type: string; reason: string | null }[] }[];
      }>(`/api/v1/tenants/${TENANT}/decisions/${sources.decision}`, "compliance_officer");
      // Sent back: the version is a draft again, with the second officer's rationale as the reason.
      expect(decision.pending).toMatchObject({ id: item.source_id, state: "draft" });
      expect(decision.versions[0]!.events.map((e) => e.reason)).toContain(CHOSEN.sharing_decision.rationale);
    });

    for (const kind of [
      "border_violation",
      "region_unknown",
      "outside_grant_access",
      "break_glass",
      "subprocessor_change",
      "subprocessor_objection",
      "attestation",
      "scope_request",
    ] as const)
      await test.step(`${KINDS[kind].label}: ${CHOSEN[kind].outcome}`, () => resolveFromQueue(page, mine[kind]));

    await test.step("each source says the decision", async () => {
      const { objections } = await get<{ objections: { id: string; outcome: string | null; resolution: string }[] }>(
        `/api/v1/tenants/${KESTREL}/subprocessor-objections`,
        KIM,
      );
      expect(objections.find((o) => o.id === sources.objection)).toMatchObject({
        outcome: "tenant_excluded",
        resolution: CHOSEN.subprocessor_objection.rationale,
      });
      const { requests } = await get<{ requests: { id: string; state: string; note: string | null }[] }>(
        `/api/v1/tenants/${TENANT}/engagement/scope-requests`,
        "auditor",
      );
      expect(requests.find((r) => r.id === sources.scopeRequest)).toMatchObject({
        state: "denied",
        note: CHOSEN.scope_request.rationale,
      });
      const { attestations } = await get<{ attestations: { id: string; state: string }[] }>(
        `/api/v1/tenants/${TENANT}/attestations`,
        "customer_admin",
      );
      expect(attestations.find((a) => a.id === sources.attestation)?.state).toBe("rejected");
      const { changes } = await get<{ changes: { id: string; state: string }[] }>(
        "/api/v1/region/subprocessors",
        "provider_admin",
      );
      expect(changes.find((c) => c.id === sources.proposal)?.state).toBe("rejected");
    });

    await test.step("the desk counts one attestation fewer, and its kind link opens the filtered queue", async () => {
      expect(await deskOpen(page, "attestation")).toBe(attestationsBefore - 1);
      for (const figure of ["desk-open", "desk-overdue", "desk-mine", "desk-unassigned"])
        await expect(page.getByTestId(figure)).toHaveText(/^\d[\d,]*$/);
      await page
        .getByTestId("desk-queue")
        .locator('tr[data-kind="attestation"]')
        .getByRole("link", { name: KINDS.attestation.label })
        .click();
      await expect(page).toHaveURL(`${base()}/region/reviews?kind=attestation`);
      await expect(page.getByRole("heading", { name: "Review queue", level: 1 })).toBeVisible();
      await expect(page.getByLabel("Kind")).toHaveValue("attestation");
      await expect(
        page.getByTestId("review-items").locator('tr[data-kind]:not([data-kind="attestation"])'),
      ).toHaveCount(0);
      await expect(page.getByTestId("review-items").locator(`tr[data-item="${mine.attestation.id}"]`)).toHaveCount(0);
    });
  } finally {
    await Promise.all([page.context().close(), second.context().close()]);
  }
});
