import { expect, formAlert, instanceUrl, test } from "./fixtures";

/**
 * A customer admin creates a personal API token in the UI, sees it once, uses it against the
 * tenant API, revokes it through the confirmation dialog, and it stops working at once.
 */
test("create a token, see it once, use it, revoke it", async ({ page, signIn, playwright }) => {
  const eu = instanceUrl("eu-central-1");
  await signIn("eu-central-1", "customer_admin");
  const name = `SIEM export ${Date.now().toString(36)}`;

  await page.goto(`${eu}/t/northwind-eu`);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "API tokens" }).click();
  await expect(page).toHaveURL(`${eu}/account/tokens`);
  await expect(page.getByRole("heading", { name: "API tokens", exact: true })).toBeVisible();

  // Create.
  await page.locator("#token-name").fill(name);
  await page.locator("#token-scope").selectOption("northwind-eu");
  await page.locator("#token-days").selectOption("7");
  await page.getByRole("button", { name: "Create token" }).click();
  const secretBox = page.getByTestId("new-token-secret");
  await expect(secretBox).toBeVisible();
  await expect(page.getByText("Copy this token now. It will not be shown again.")).toBeVisible();
  const secret = (await secretBox.textContent())?.trim() ?? "";
  expect(secret).toMatch(/^trn_[A-Za-z0-9_-]{43}$/);
  const row = page
    .getByTestId("token-table")
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(name) }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("northwind-eu");
  await expect(row).toContainText("active");
  await expect(row).toContainText(secret.slice(0, 12));

  // Shown once: after a reload only the prefix remains, nowhere in the page.
  await page.reload();
  await expect(page.getByTestId("new-token-secret")).toHaveCount(0);
  await expect(row).toContainText(secret.slice(0, 12));
  expect(await page.content()).not.toContain(secret);

  // Use it: its tenant answers, other tenants do not.
  const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  try {
    const own = await api.get(`${eu}/api/v1/tenants/northwind-eu`);
    expect(own.status()).toBe(200);
    expect(await own.json()).toMatchObject({ tenant: { slug: "northwind-eu", home_region: "eu-central-1" } });
    const otherOrganisation = await api.get(`${eu}/api/v1/tenants/kestrel-eu`);
    expect(otherOrganisation.status()).toBe(404);
    const otherRegion = await api.get(`${eu}/api/v1/tenants/northwind-gcc`);
    expect(otherRegion.status()).toBe(421);
    const regionWide = await api.get(`${eu}/api/v1/region/tenants`);
    expect(regionWide.status()).toBe(403);
    // A token cannot mint tokens.
    const mint = await api.post(`${eu}/api/v1/users/me/tokens`, {
      data: { name: "child", tenant: "northwind-eu", expires_in_days: 1 },
    });
    expect(mint.status()).toBe(403);

    // Its use shows on the page.
    await page.reload();
    await expect(row).not.toContainText("never");

    // Revoke: the dialog explains and can be dismissed.
    await row.getByRole("button", { name: `Revoke token ${name}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("heading", { name: `Revoke “${name}”?` })).toBeVisible();
    await expect(dialog).toContainText(secret.slice(0, 12));
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText("active");
    expect((await api.get(`${eu}/api/v1/tenants/northwind-eu`)).status()).toBe(200);

    await row.getByRole("button", { name: `Revoke token ${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(row).toContainText("revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

    // Refused from the next request.
    const refused = await api.get(`${eu}/api/v1/tenants/northwind-eu`);
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
    expect(await refused.json()).toMatchObject({ status: 401, code: "invalid_token" });
    expect((await api.get(`${eu}/api/v1/tenants`)).status()).toBe(401);
  } finally {
    await api.dispose();
  }
});

test("a provider officer's token acts region-wide but never on a tenant outside the role", async ({
  page,
  signIn,
  playwright,
}) => {
  const eu = instanceUrl("eu-central-1");
  await signIn("eu-central-1", "support_engineer");
  await page.goto(`${eu}/account/tokens`);
  // Staff hold no memberships: their only scope is the provider scope.
  await expect(page.locator("#token-scope option")).toHaveText(["Provider scope (this region)"]);
  await page.locator("#token-name").fill("support tooling");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^trn_/);
  const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  try {
    expect((await api.get(`${eu}/api/v1/region/tenants`)).status()).toBe(200);
    expect((await api.get(`${eu}/api/v1/tenants/northwind-eu`)).status()).toBe(403);
  } finally {
    await api.dispose();
  }
});

test("a bad token request is explained in plain words and creates nothing", async ({ page, signIn }) => {
  const eu = instanceUrl("eu-central-1");
  // Someone whose tokens no other spec creates or revokes.
  await signIn("eu-central-1", { email: "kim.admin@kestrel-health.example" });
  await page.goto(`${eu}/account/tokens`);
  const before = await page.getByTestId("token-table").getByRole("row").count();
  // Whitespace passes the browser's `required` but not the server's validation.
  await page.locator("#token-name").fill("   ");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(formAlert(page)).toContainText(/name/i);
  await expect(page.getByTestId("new-token-secret")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("token-table").getByRole("row")).toHaveCount(before);
});
