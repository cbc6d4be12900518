import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseTlogProof, verifyTlogProof } from "../modules/audit/domain/tlog-proof";
import { PEOPLE } from "../prisma/seed/world";
import { expect, instanceUrl, signInWithApi, test, userId } from "./fixtures";

/**
 * The tenant audit log and the log's integrity, as people use them: a customer admin's new
 * API token appears in the log, filters (kept in the URL) narrow it, its proof file downloads
 * and verifies offline with nothing but the region's public key; a viewer reads the log, a
 * support engineer is refused; a compliance officer checks the region's integrity page.
 */

const REGION = "eu-central-1" as const;
const TENANT = "northwind-eu";
const CLI = path.resolve("bin/terrane.mjs");

/** A `datetime-local` value in UTC (browsers drop ":00" seconds, so do we). */
function utcLocal(date: Date): string {
  const text = date.toISOString().slice(0, 19);
  return text.endsWith(":00") ? text.slice(0, 16) : text;
}

test("a new API token is in the audit log, filters narrow it, and its proof verifies offline", async ({
  page,
  signIn,
}, testInfo) => {
  // A whole scenario (token, three filtered views, a proof download, the CLI twice): room on a busy machine.
  test.slow();
  const eu = instanceUrl(REGION);
  const admin = await signIn(REGION, "customer_admin");
  const adminId = userId(REGION, admin.email);
  const before = new Date(Date.now() - 1_000);
  const name = `Audit trail ${Date.now().toString(36)}`;

  // The change that writes the entry: a token, created in the UI.
  await page.goto(`${eu}/account/tokens`);
  await page.locator("#token-name").fill(name);
  await page.locator("#token-scope").selectOption(TENANT);
  await page.locator("#token-days").selectOption("7");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token-secret")).toBeVisible();
  const tokens = (await (await page.request.get(`${eu}/api/v1/users/me/tokens`)).json()) as {
    tokens: { id: string; name: string }[];
  };
  const tokenId = tokens.tokens.find((t) => t.name === name)?.id;
  expect(tokenId, "the new token's id").toBeTruthy();

  // The audit log, from the tenant's navigation.
  await page.goto(`${eu}/t/${TENANT}`);
  await page.getByTestId("tenant-nav").getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(`${eu}/t/${TENANT}/audit`);
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const table = page.getByTestId("audit-table");
  const row = table.locator("tr[data-entry]").filter({ hasText: tokenId! });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("API token created");
  await expect(row).toContainText("api_token.created");
  await expect(row).toContainText("Success");
  // The person by name, their id on hover (and the link narrows the log to them).
  const adminName = PEOPLE.find((p) => p.email === admin.email)!.name;
  const actorName = row.getByTestId("actor-name");
  await expect(actorName).toHaveText(adminName);
  await expect(actorName).toHaveAttribute("title", new RegExp(`^${adminId}`));
  // Integrated shortly after commit: the list refreshes itself while an entry is pending.
  const proofLink = row.getByRole("link", { name: /^Download proof/ });
  await expect(proofLink).toBeVisible({ timeout: 10_000 });
  await expect(row.getByTestId("leaf-index")).toHaveText(/^#\d+$/);
  const leafIndex = Number((await row.getByTestId("leaf-index").textContent())!.slice(1));
  const entryId = (await row.getAttribute("data-entry"))!;

  // Details expand from the keyboard and show the whole record.
  const toggle = row.getByRole("button", { name: "Details" });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const details = page.locator(`[id="entry-${entryId}"]`);
  await expect(details).toBeVisible();
  await expect(details).toContainText(name);
  await expect(details).toContainText(entryId);
  await expect(details).toContainText(adminId);

  // Filters: a GET form whose URL can be shared; each narrows the list.
  await page.locator("#audit-action").selectOption("api_token.");
  await page.locator("#audit-actor").fill(adminId);
  await page.locator("#audit-from").fill(utcLocal(before));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?action=api_token\\.&actor=${adminId}&from=`));
  await expect(row).toHaveCount(1);
  const actions = await table
    .locator("tr[data-entry]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.every((a) => a?.startsWith("api_token."))).toBe(true);
  // The shared URL opens the same view, form filled in.
  await page.reload();
  await expect(row).toHaveCount(1);
  await expect(page.locator("#audit-action")).toHaveValue("api_token.");
  await expect(page.locator("#audit-actor")).toHaveValue(adminId);
  // A typed action code wins over the list: the token was created, not revoked.
  await page.locator("#audit-action-code").fill("api_token.revoked");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=api_token\.revoked/);
  await expect(row).toHaveCount(0);
  // A time range that ends before the token existed: empty, and says so.
  await page.goto(
    `${eu}/t/${TENANT}/audit?action=api_token.created&to=${encodeURIComponent(before.toISOString())}&from=${encodeURIComponent(new Date(before.getTime() - 60_000).toISOString())}&actor=${adminId}`,
  );
  await expect(page.getByTestId("audit-empty")).toContainText("No entries match these filters.");
  // A malformed filter is explained, not an error page.
  await page.goto(`${eu}/t/${TENANT}/audit?action=Not%20an%20action`);
  await expect(page.locator("#audit-action-error")).toContainText("Use an action code");
  await expect(page.getByTestId("audit-table")).toHaveCount(0);

  // The action list comes from the registry, grouped by category: key actions are there too,
  // and a category prefix finds the tenant's key entries (its key was created when it was seeded).
  await page.goto(`${eu}/t/${TENANT}/audit`);
  await expect(page.locator('#audit-action optgroup[label="Tenant keys"] option[value="key.disabled"]')).toHaveText(
    "Key disabled",
  );
  await page.locator("#audit-action").selectOption("key.");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=key\./);
  const keyRows = page.getByTestId("audit-table").locator("tr[data-entry]");
  await expect(keyRows.first()).toBeVisible();
  const keyActions = await keyRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(keyActions.every((a) => a?.startsWith("key."))).toBe(true);
  expect(keyActions).toContain("key.created");

  // Download the entry's proof file.
  await page.goto(`${eu}/t/${TENANT}/audit?action=api_token.created&actor=${adminId}`);
  const downloadRow = page.getByTestId("audit-table").locator("tr[data-entry]").filter({ hasText: tokenId! });
  const downloading = page.waitForEvent("download");
  await downloadRow.getByRole("link", { name: /^Download proof/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${TENANT}-entry-${leafIndex}.tlog-proof`);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  // Verify it offline: only the file and the region's public key, no call to the portal.
  const key = (await (await page.request.get(`${eu}/api/v1/audit/key`)).text()).trim();
  await expect(page.getByTestId("verifier-key")).toHaveText(key);
  const proofText = readFileSync(file);
  const entryBytes = parseTlogProof(proofText).extra;
  expect(entryBytes, "the proof file carries the entry").toBeTruthy();
  const verified = verifyTlogProof(proofText, { entryBytes: entryBytes! }, [key], { origin: `terrane/${REGION}` });
  expect(verified.index).toBe(leafIndex);
  const entry = JSON.parse(entryBytes!.toString("utf8")) as { id: string; action: string; subject: string };
  expect(entry).toMatchObject({ id: entryId, action: "api_token.created", subject: `api_token:${tokenId}` });
  // The same file with the entry altered no longer verifies.
  const tampered = testInfo.outputPath("tampered.tlog-proof");
  const altered = Buffer.from(entryBytes!.toString("utf8").replace(name, `${name}!`), "utf8");
  writeFileSync(
    tampered,
    proofText.toString("utf8").replace(entryBytes!.toString("base64"), altered.toString("base64")),
  );
  expect(() =>
    verifyTlogProof(readFileSync(tampered), { entryBytes: parseTlogProof(readFileSync(tampered)).extra! }, [key]),
  ).toThrow();

  // And with the project's CLI, as the page tells people to.
  const ok = spawnSync(process.execPath, [CLI, "verify", file, "--key", key], { encoding: "utf8" });
  expect(ok.status, `terrane verify: ${ok.stdout}${ok.stderr}`).toBe(0);
  const bad = spawnSync(process.execPath, [CLI, "verify", tampered, "--key", key], { encoding: "utf8" });
  expect(bad.status, `terrane verify (tampered): ${bad.stdout}${bad.stderr}`).not.toBe(0);
});

test("a viewer reads the audit log; a support engineer and a provider admin are refused", async ({ browser }) => {
  const eu = instanceUrl(REGION);
  const viewer = await browser.newContext();
  const support = await browser.newContext();
  const admin = await browser.newContext();
  try {
    await signInWithApi(viewer.request, REGION, "customer_viewer");
    const page = await viewer.newPage();
    const response = await page.goto(`${eu}/t/${TENANT}/audit`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expect(page.getByTestId("audit-table").or(page.getByTestId("audit-empty"))).toBeVisible();
    await expect(page.getByTestId("integrity-panel")).toBeVisible();

    for (const [context, role] of [
      [support, "support_engineer"],
      [admin, "provider_admin"],
    ] as const) {
      await signInWithApi(context.request, REGION, role);
      const refused = await context.newPage();
      const status = (await refused.goto(`${eu}/t/${TENANT}/audit`))?.status();
      expect(status, role).toBe(403);
      await expect(refused.getByRole("heading", { name: "Your role does not allow this" })).toBeVisible();
      await expect(refused.getByTestId("audit-table")).toHaveCount(0);
    }
  } finally {
    await Promise.all([viewer.close(), support.close(), admin.close()]);
  }
});

test.describe("region integrity", () => {
  test.use({ colorScheme: "dark" });

  test("a compliance officer sees the tree size, the verification status and the witnesses", async ({
    page,
    signIn,
    context,
  }) => {
    const eu = instanceUrl(REGION);
    await signIn(REGION, "compliance_officer");
    await page.goto(`${eu}/t`);
    await page.getByTestId("region-nav").getByRole("link", { name: "Log integrity" }).click();
    await expect(page).toHaveURL(`${eu}/region/integrity`);
    await expect(page.getByRole("heading", { name: `Log integrity in ${REGION}`, level: 1 })).toBeVisible();

    const size = page.getByTestId("tree-size");
    await expect(size).toHaveText(/^[\d,]+ entr(y|ies)$/);
    expect(Number((await size.textContent())!.replace(/[^\d]/g, ""))).toBeGreaterThan(0);
    const status = page.getByTestId("verification-status");
    await expect(status).toBeVisible();
    // A fresh log is never broken: verified, or not verified yet if the verifier has not run.
    await expect(status).toHaveAttribute("data-state", /^(ok|none)$/);
    await expect(status).toContainText(
      /Verified \d+ entr(y|ies) at|Verified at .* when the log was still empty|Not verified yet/,
    );

    // Every other region with an instance is listed as a witness, with when it last cosigned or "not yet".
    for (const peer of ["me-central-1", "af-south-1"]) {
      await expect(page.getByTestId("witness-table").locator(`tr[data-witness="${peer}"]`)).toContainText(
        /cosigned|not yet cosigned/,
      );
      await expect(page.getByTestId("peer-table").locator(`tr[data-peer="${peer}"]`)).toHaveCount(1);
    }
    await expect(
      page.getByTestId("witness-table").locator('tr[data-witness="us-east-1"]'),
      "no instance, no witness",
    ).toHaveCount(0);
    await expect(page.getByTestId("no-alerts").or(page.getByTestId("alert-table"))).toBeVisible();

    // The key to verify with, and a copy button that says it copied.
    const key = (await (await page.request.get(`${eu}/api/v1/audit/key`)).text()).trim();
    await expect(page.getByTestId("verifier-key")).toHaveText(key);
    await expect(page.getByRole("link", { name: "/.well-known/jwks.json" })).toHaveAttribute(
      "href",
      "/.well-known/jwks.json",
    );
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: eu });
    await page.getByRole("button", { name: "Copy the verifier key" }).click();
    await expect(page.getByRole("button", { name: "Copied the verifier key" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    // Dark mode: the panel is not a white box on a dark page.
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    const background = await page.getByTestId("integrity-panel").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");
  });
});

test("the who filter separates people's actions from the system's, and stays in the URL", async ({ page, signIn }) => {
  const eu = instanceUrl(REGION);
  await signIn(REGION, "customer_admin");
  await page.goto(`${eu}/t/${TENANT}/audit`);
  const types = () =>
    page
      .getByTestId("audit-table")
      .locator("tr[data-entry]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-actor-type")));
  const everyone = new Set(await types());

  await page.getByLabel("Who").selectOption("people");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/who=people/);
  await expect(page.getByLabel("Who")).toHaveValue("people");
  for (const t of await types()) expect(["user", "api_token"]).toContain(t);

  await page.getByLabel("Who").selectOption("system");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/who=system/);
  for (const t of await types()) expect(["system", "anonymous"]).toContain(t);
  // Together the two views hold every kind of actor the unfiltered page showed.
  expect([...everyone].every((t) => ["user", "api_token", "system", "anonymous"].includes(t!))).toBe(true);

  await page.goto(`${eu}/t/${TENANT}/audit?who=robots`);
  await expect(page.locator("#audit-who-error")).toContainText("Choose everyone, people, or the system");
  await expect(page.getByTestId("audit-table")).toHaveCount(0);
});
