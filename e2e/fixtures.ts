import {
  expect,
  request as playwrightRequest,
  test as base,
  type APIRequestContext,
  type Page,
} from "@playwright/test";
import { readState, type E2ERegion, type Role, type SeededToken, type SeededUser } from "./support/state";

export { expect };
export type { E2ERegion, Role };

const STAFF_CITY: Record<E2ERegion, string> = {
  "eu-central-1": "frankfurt",
  "me-central-1": "dubai",
  "af-south-1": "capetown",
};

/** The person each role is played by: Northwind's people for tenant roles, the region's staff otherwise. */
export function personaEmail(role: Role, region: E2ERegion): string {
  const city = STAFF_CITY[region];
  switch (role) {
    case "customer_admin":
      return "ana.admin@northwind.example";
    case "customer_viewer":
      return "victor.viewer@northwind.example";
    case "auditor":
      return "audrey.auditor@ledgerline.example";
    case "compliance_officer":
      return `compliance.${city}@terrane-provider.example`;
    case "support_engineer":
      return `support.${city}@terrane-provider.example`;
    case "provider_admin":
      return `platform.${city}@terrane-provider.example`;
  }
}

export const ROLE_LABEL: Record<Role, string> = {
  customer_admin: "Customer admin",
  customer_viewer: "Customer viewer",
  auditor: "Auditor",
  compliance_officer: "Compliance officer",
  support_engineer: "Support engineer",
  provider_admin: "Provider admin",
};

export function instanceUrl(region: E2ERegion): string {
  const instance = readState().instances.find((i) => i.region === region);
  if (!instance) throw new Error(`No e2e instance for ${region}`);
  return instance.url;
}

/** A seeded sign-in of this region: the role's persona, or a named person. */
export function credential(region: E2ERegion, who: Role | { email: string }): SeededUser {
  const email = typeof who === "string" ? personaEmail(who, region) : who.email;
  const user = readState().credentials.users.find((u) => u.region === region && u.email === email);
  if (!user) throw new Error(`No seeded user ${email} in ${region}`);
  return user;
}

/** The seeded personal API token of a role's persona (or a named person) in a region. */
export function apiToken(region: E2ERegion, who: Role | { email: string }): SeededToken {
  const email = typeof who === "string" ? personaEmail(who, region) : who.email;
  const token = readState().credentials.tokens.find((t) => t.region === region && t.email === email);
  if (!token) throw new Error(`No seeded API token for ${email} in ${region}`);
  return token;
}

export function userId(region: E2ERegion, email: string): string {
  const id = readState().directory[region]?.users[email];
  if (!id) throw new Error(`No user ${email} in ${region}`);
  return id;
}

export function seededTokenIds(region: E2ERegion, email: string): string[] {
  return readState().directory[region]?.tokens[email] ?? [];
}

export function sessionCookieName(region: E2ERegion): string {
  return `terrane-${region}.session-token`;
}

/**
 * Signs in through next-auth's credentials endpoint (what the form does), so the cookie jar
 * of `request` (a browser context's, or a standalone one) holds that region's session.
 */
export async function signInWithApi(
  request: APIRequestContext,
  region: E2ERegion,
  who: Role | { email: string },
): Promise<SeededUser> {
  const user = credential(region, who);
  const base = instanceUrl(region);
  const csrf = await request.get(`${base}/api/auth/csrf`);
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken, email: user.email, password: user.password, callbackUrl: `${base}/t`, json: "true" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${user.email} on ${region}`).toBeLessThan(400);
  const cookies = (await request.storageState()).cookies;
  expect(
    cookies.some((c) => c.name === sessionCookieName(region)),
    `session cookie for ${user.email} on ${region}`,
  ).toBe(true);
  return user;
}

/** A standalone HTTP client signed in as `who` on `region` (for status checks without a browser). */
export async function signedInRequest(region: E2ERegion, who: Role | { email: string }): Promise<APIRequestContext> {
  const request = await playwrightRequest.newContext();
  await signInWithApi(request, region, who);
  return request;
}

/** Signs in through the sign-in page, as a person would, and waits for the landing page. */
export async function signInWithForm(
  page: Page,
  region: E2ERegion,
  who: Role | { email: string },
  callbackPath = "/t",
): Promise<SeededUser> {
  const user = credential(region, who);
  const base = instanceUrl(region);
  await page.goto(`${base}/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.locator("#email").fill(user.email);
  await page.locator("#password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The landing page sends a compliance officer on to the desk (/region).
  const landing = callbackPath.split("?")[0];
  const accepted = landing === "/t" ? ["/t", "/region"] : [landing];
  await page.waitForURL((url) => url.origin === base && accepted.includes(url.pathname));
  return user;
}

/** The page's own alert (Next's route announcer also has role="alert", always empty). */
export function formAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

/** Page fixture helpers: `signIn` signs the page's browser context in quickly (no form). */
export const test = base.extend<{ signIn: (region: E2ERegion, who: Role | { email: string }) => Promise<SeededUser> }>({
  signIn: async ({ context }, use) => {
    await use((region, who) => signInWithApi(context.request, region, who));
  },
});
