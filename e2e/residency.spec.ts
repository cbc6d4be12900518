import type { Response } from "@playwright/test";
import { apiToken, credential, expect, instanceUrl, test, userId } from "./fixtures";

/** Geo-steering and the 404 wall: what a person sees at the edge of their tenants and regions. */

/** The responses that led to `response` (oldest first), following the redirect chain back. */
async function redirectChain(response: Response | null): Promise<{ url: string; status: number }[]> {
  const chain: { url: string; status: number }[] = [];
  let request = response?.request().redirectedFrom() ?? null;
  while (request) {
    const r = await request.response();
    chain.unshift({ url: request.url(), status: r?.status() ?? 0 });
    request = request.redirectedFrom();
  }
  return chain;
}

test.describe("a tenant homed in another region", () => {
  // Three instances and a sign-in on each: more than the default on a busy two-core machine.
  test.describe.configure({ timeout: 60_000 });

  test("opening it on eu-central-1 lands on its home instance, through sign-in there", async ({ page, signIn }) => {
    const eu = instanceUrl("eu-central-1");
    const me = instanceUrl("me-central-1");
    await signIn("eu-central-1", "customer_admin");

    const response = await page.goto(`${eu}/t/northwind-gcc`);
    // 307 from eu-central-1 to the same path on me-central-1, which asks for its own sign-in.
    const chain = await redirectChain(response);
    expect(chain[0]).toEqual({ url: `${eu}/t/northwind-gcc`, status: 307 });
    expect(chain.some((c) => c.url === `${me}/t/northwind-gcc` && c.status === 307)).toBe(true);
    await expect(page).toHaveURL(`${me}/signin?callbackUrl=${encodeURIComponent("/t/northwind-gcc")}`);
    await expect(page.getByTestId("region-badge")).toContainText("me-central-1");
    await expect(page.getByRole("heading", { name: "Sign in to me-central-1" })).toBeVisible();

    const ana = credential("me-central-1", "customer_admin");
    await page.locator("#email").fill(ana.email);
    await page.locator("#password").fill(ana.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(`${me}/t/northwind-gcc`);
    await expect(page.getByTestId("region-badge")).toContainText("me-central-1");
    await expect(page.getByTestId("tenant-nav")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Northwind Logistics GCC");

    // Signed in on both instances at once: the session cookies are per region.
    const cookies = (await page.context().cookies()).map((c) => c.name);
    expect(cookies).toEqual(
      expect.arrayContaining(["terrane-eu-central-1.session-token", "terrane-me-central-1.session-token"]),
    );
    // Directly, now: a single 307 and the overview.
    const again = await page.goto(`${eu}/t/northwind-gcc`);
    expect(again?.status()).toBe(200);
    expect(await redirectChain(again)).toEqual([{ url: `${eu}/t/northwind-gcc`, status: 307 }]);
    await expect(page).toHaveURL(`${me}/t/northwind-gcc`);
  });

  test("the tenant switcher and the landing page open it on its home instance", async ({ page, signIn }) => {
    const eu = instanceUrl("eu-central-1");
    const za = instanceUrl("af-south-1");
    const me = instanceUrl("me-central-1");
    await signIn("eu-central-1", "customer_admin");
    await signIn("af-south-1", "customer_admin");
    await signIn("me-central-1", "customer_admin");

    await page.goto(`${eu}/t/northwind-eu`);
    await page.getByTestId("tenant-switcher").click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem")).toHaveCount(3);
    await expect(menu.getByRole("menuitem", { name: /northwind-za/ })).toHaveAttribute("href", `${za}/t/northwind-za`);
    await expect(menu.getByRole("menuitem", { name: /northwind-eu/ })).toHaveAttribute("href", "/t/northwind-eu");
    await menu.getByRole("menuitem", { name: /northwind-za/ }).click();
    await expect(page).toHaveURL(`${za}/t/northwind-za`);
    await expect(page.getByTestId("region-badge")).toContainText("af-south-1");
    await expect(page.getByTestId("tenant-switcher")).toContainText("northwind-za");

    // The landing page lists the organisation's other tenants with "Open on <region>".
    await page.goto(`${eu}/t`);
    await expect(page.getByRole("link", { name: /^Open northwind-eu/ })).toHaveAttribute("href", "/t/northwind-eu");
    await page.getByRole("link", { name: /Open on me-central-1/ }).click();
    await expect(page).toHaveURL(`${me}/t/northwind-gcc`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Northwind Logistics GCC");
  });

  test("the API answers 421 wrong_region with the home instance's URL", async ({ request }) => {
    const eu = instanceUrl("eu-central-1");
    const response = await request.get(`${eu}/api/v1/tenants/northwind-gcc`, {
      headers: { authorization: `Bearer ${apiToken("eu-central-1", "customer_viewer").token}` },
    });
    expect(response.status()).toBe(421);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      status: 421,
      code: "wrong_region",
      home_region: "me-central-1",
      home_url: `${instanceUrl("me-central-1")}/api/v1/tenants/northwind-gcc`,
    });
    expect(JSON.stringify(problem)).not.toContain("customs-declarations-db");
  });
});

test.describe("a tenant you are not a member of", () => {
  test("shows the not-found page with a 404, in the browser and the API", async ({ page, signIn }) => {
    const eu = instanceUrl("eu-central-1");
    await signIn("eu-central-1", { email: "kim.admin@kestrel-health.example" });

    for (const slug of ["northwind-eu", "no-such-tenant"]) {
      const response = await page.goto(`${eu}/t/${slug}`);
      expect(response?.status(), slug).toBe(404);
      await expect(page.getByRole("heading", { name: "Nothing here for you" })).toBeVisible();
      await expect(page.getByText("Northwind Logistics EU")).toHaveCount(0);
      await expect(page.getByTestId("tenant-nav")).toHaveCount(0);
    }
    // Their own tenant is fine; the switcher does not list the other organisation's.
    expect((await page.goto(`${eu}/t/kestrel-eu`))?.status()).toBe(200);
    await page.getByTestId("tenant-switcher").click();
    await expect(page.getByRole("menuitem")).toHaveCount(1);
    await expect(page.getByRole("menuitem", { name: /kestrel-eu/ })).toBeVisible();
    await page.keyboard.press("Escape");

    const api = await page.request.get(`${eu}/api/v1/tenants/northwind-eu`);
    expect(api.status()).toBe(404);
    expect(await api.json()).toMatchObject({ status: 404, code: "tenant_not_found" });
    const withToken = await page.request.get(`${eu}/api/v1/tenants/northwind-eu`, {
      headers: {
        authorization: `Bearer ${apiToken("eu-central-1", { email: "kim.admin@kestrel-health.example" }).token}`,
      },
    });
    expect(withToken.status()).toBe(404);
  });
});

test.describe("another user's token management", () => {
  test("a viewer gets 404 for another user's tokens, in the page and the API, and changes nothing", async ({
    page,
    signIn,
  }) => {
    const eu = instanceUrl("eu-central-1");
    const ana = userId("eu-central-1", "ana.admin@northwind.example");
    await signIn("eu-central-1", "customer_viewer");

    const response = await page.goto(`${eu}/users/${ana}/tokens`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Nothing here for you" })).toBeVisible();
    await expect(page.getByTestId("token-table")).toHaveCount(0);

    const viewerToken = apiToken("eu-central-1", "customer_viewer").token;
    for (const [label, headers] of [
      ["session", {}],
      ["token", { authorization: `Bearer ${viewerToken}` }],
    ] as const) {
      const list = await page.request.get(`${eu}/api/v1/users/${ana}/tokens`, { headers });
      expect(list.status(), `${label} list`).toBe(404);
      expect(await list.json()).toMatchObject({ code: "user_not_found" });
      const create = await page.request.post(`${eu}/api/v1/users/${ana}/tokens`, {
        headers: { ...headers, origin: eu },
        data: { name: "sneaky", tenant: "northwind-eu", expires_in_days: 1 },
      });
      expect(create.status(), `${label} create`).toBe(404);
    }
    // Ana's own token still works: nothing was changed.
    const anaToken = apiToken("eu-central-1", "customer_admin").token;
    const check = await page.request.get(`${eu}/api/v1/users/me/tokens`, {
      headers: { authorization: `Bearer ${anaToken}` },
    });
    expect(check.status()).toBe(200);
    expect(((await check.json()) as { tokens: { name: string }[] }).tokens.map((t) => t.name)).not.toContain("sneaky");
  });

  test("a provider admin can open another user's tokens (read and revoke only)", async ({ page, signIn }) => {
    const eu = instanceUrl("eu-central-1");
    const vera = userId("eu-central-1", "vera.viewer@kestrel-health.example");
    await signIn("eu-central-1", "provider_admin");
    const response = await page.goto(`${eu}/users/${vera}/tokens`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "API tokens of this user" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Create an API token" })).toHaveCount(0);
    await expect(page.getByTestId("token-table").getByRole("rowheader", { name: /Demo token/ })).toBeVisible();
  });
});
