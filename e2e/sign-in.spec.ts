import { credential, expect, formAlert, instanceUrl, signInWithForm, test } from "./fixtures";

/** Sign-in as a person meets it: wrong passwords, the lock, the way back to where you were. */

test("a wrong password says so plainly, and the account locks after five failures", async ({ page }) => {
  // Someone no other spec signs in as: the lock lasts 15 minutes.
  const region = "af-south-1";
  const base = instanceUrl(region);
  const victim = credential(region, { email: "compliance2.capetown@terrane-provider.example" });
  await page.goto(`${base}/signin`);
  await expect(page.getByRole("heading", { name: "Sign in to af-south-1" })).toBeVisible();

  const attempt = async (password: string) => {
    await page.locator("#email").fill(victim.email);
    await page.locator("#password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  };

  for (let i = 1; i <= 5; i++) {
    await attempt(`wrong-password-${i}`);
    await expect(formAlert(page), `failure ${i}`).toHaveText("The email or password is wrong.");
    await expect(page).toHaveURL(/\/signin/);
  }
  // Locked: even the right password is refused, with a message that says why and for how long.
  await attempt(victim.password);
  await expect(formAlert(page)).toHaveText("Too many failed attempts for this account. Try again in 15 minute(s).");
  await expect(page).toHaveURL(/\/signin/);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name === `terrane-${region}.session-token`)).toBe(false);

  // The lock is per account: another person of the region still signs in.
  await signInWithForm(page, region, "compliance_officer");
  await expect(page.getByTestId("current-role")).toHaveText("Compliance officer");
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  const base = instanceUrl("me-central-1");
  await page.goto(`${base}/signin`);
  await page.locator("#email").fill("nobody@northwind.example");
  await page.locator("#password").fill("whatever-it-is");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(formAlert(page)).toHaveText("The email or password is wrong.");
});

test("an account of one region does not sign in to another", async ({ page }) => {
  // Kestrel only lives in eu-central-1.
  const kim = credential("eu-central-1", { email: "kim.admin@kestrel-health.example" });
  await page.goto(`${instanceUrl("me-central-1")}/signin`);
  await page.locator("#email").fill(kim.email);
  await page.locator("#password").fill(kim.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(formAlert(page)).toHaveText("The email or password is wrong.");
});

test("signing in returns to the page that asked for it, and signing out ends the session", async ({ page }) => {
  const base = instanceUrl("eu-central-1");
  const response = await page.goto(`${base}/t/northwind-eu`);
  expect(response?.request().redirectedFrom()?.url()).toBe(`${base}/t/northwind-eu`);
  await expect(page).toHaveURL(`${base}/signin?callbackUrl=${encodeURIComponent("/t/northwind-eu")}`);
  const viewer = credential("eu-central-1", "customer_viewer");
  await page.locator("#email").fill(viewer.email);
  await page.locator("#password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${base}/t/northwind-eu`);
  await expect(page.getByTestId("current-role")).toHaveText("Customer viewer");

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem").filter({ hasText: "Sign out" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const after = await page.goto(`${base}/t/northwind-eu`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  expect(after?.status()).toBe(200);
});
