import { request as playwrightRequest } from "@playwright/test";
import { credential, expect, formAlert, instanceUrl, sessionCookieName, signInWithForm, test } from "./fixtures";

/** Sign-in as a person meets it: wrong passwords, the wait, the way back to where you were, sign-out. */

test("a wrong password says so plainly; after three failures this address waits, and the account is not locked", async ({
  page,
  browser,
}) => {
  // Someone no other spec signs in as.
  const region = "af-south-1";
  const base = instanceUrl(region);
  const victim = credential(region, { email: "compliance2.capetown@terrane-provider.example" });
  await page.goto(`${base}/signin`);
  await expect(page.getByRole("heading", { name: "Sign in to af-south-1" })).toBeVisible();

  const attempt = async (on: typeof page, password: string) => {
    await on.locator("#email").fill(victim.email);
    await on.locator("#password").fill(password);
    await on.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(on.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  };

  // A second browser that forges forwarding headers, ready before the failures begin.
  const forged = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "192.0.2.44", "x-terrane-peer": "192.0.2.44" },
  });
  const other = await forged.newPage();
  await other.goto(`${base}/signin`);

  for (let i = 1; i <= 3; i++) {
    await attempt(page, `wrong-password-${i}`);
    await expect(formAlert(page), `failure ${i}`).toHaveText("The email or password is wrong.");
    await expect(page).toHaveURL(/\/signin/);
  }
  // This address now waits, even with the right password, and is told for how long. Forged
  // forwarding headers do not make a fresh address: the server takes the socket's.
  await attempt(other, victim.password);
  await expect(formAlert(other)).toHaveText(/^Too many failed attempts from here\. Try again in [1-5] seconds?\.$/);
  expect((await forged.cookies()).some((c) => c.name === sessionCookieName(region))).toBe(false);
  const seconds = Number(/in (\d+) second/.exec((await formAlert(other).textContent()) ?? "")?.[1] ?? "5");
  await forged.close();

  // A wait, not a lock: once it has passed, the right password signs in.
  await page.waitForTimeout(seconds * 1000 + 500);
  await page.locator("#password").fill(victim.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith("/signin"));
  expect((await page.context().cookies()).some((c) => c.name === sessionCookieName(region))).toBe(true);
});

test("a session cookie copied before signing out opens nothing afterwards: 401 on the API, sign-in on pages", async ({
  page,
}) => {
  const region = "eu-central-1";
  const base = instanceUrl(region);
  await signInWithForm(page, region, "customer_viewer", "/t/northwind-eu");
  const copied = (await page.context().cookies()).find((c) => c.name === sessionCookieName(region));
  expect(copied).toBeDefined();
  const header = { cookie: `${copied!.name}=${copied!.value}` };

  // While signed in, the copied cookie works like the browser's.
  const replay = await playwrightRequest.newContext({ extraHTTPHeaders: header });
  expect((await replay.get(`${base}/api/v1/users/me/tokens`)).status()).toBe(200);

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  const list = await replay.get(`${base}/api/v1/users/me/tokens`);
  expect(list.status()).toBe(401);
  expect(list.headers()["content-type"]).toBe("application/problem+json");
  expect(await list.json()).toMatchObject({ status: 401, code: "unauthenticated" });
  const mint = await replay.post(`${base}/api/v1/users/me/tokens`, {
    headers: { origin: base, "content-type": "application/json" },
    data: { name: "replayed", tenant: "northwind-eu", expires_in_days: 365 },
  });
  expect(mint.status()).toBe(401);
  const pageReplay = await replay.get(`${base}/t/northwind-eu`, { maxRedirects: 0 });
  expect(pageReplay.status()).toBe(307);
  expect(pageReplay.headers().location).toContain(`/signin?callbackUrl=${encodeURIComponent("/t/northwind-eu")}`);
  await replay.dispose();
});

test("a sign-in link cannot send anyone to another site afterwards", async ({ page }) => {
  const region = "me-central-1";
  const base = instanceUrl(region);
  const viewer = credential(region, "compliance_officer");
  for (const callback of ["/%5Cevil.example/", "/%09/evil.example", "//evil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`${base}/signin?callbackUrl=${callback}`);
    await page.locator("#email").fill(viewer.email);
    await page.locator("#password").fill(viewer.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    expect(new URL(page.url()).origin, callback).toBe(base);
  }
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
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const after = await page.goto(`${base}/t/northwind-eu`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  expect(after?.status()).toBe(200);
});
