/**
 * Generic OIDC sign-in against a real OpenID Connect provider (panva's oidc-provider, run in
 * this process): the browser goes through the provider's own login and consent pages, and
 * Terrane checks state, nonce and PKCE, then maps the identity to an invited user or refuses it.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { freePort, startInstance, type Instance } from "../scripts/lib/instance";
import { startIdentityProvider, type IdentityProvider } from "./oidc/identity-provider";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REGION = "eu-central-1";
const DISPLAY_NAME = "Northwind Entra ID";
const ANA = { login: "ana", email: "ana.admin@northwind.example", name: "Ana Ortega (IdP)" };
const MALLORY = { login: "mallory", email: "mallory@unknown.example", name: "Mallory" };
/** Claims an invited person's address, which the provider itself has not verified. */
const EVE = { login: "eve", email: "victor.viewer@northwind.example", name: "Eve", emailVerified: false };

let tmp: string;
let idp: IdentityProvider;
let withOidc: Instance;
let withoutOidc: Instance;

function seed(dataDir: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "e2e/oidc/seed.ts",
        dataDir,
        path.join(dataDir, "credentials.json"),
        `${REGION}=${url}`,
      ],
      { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] },
    );
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seeding exited with ${code}`))));
  });
}

function regionsJson(url: string): string {
  const regions = JSON.parse(readFileSync(path.join(ROOT, "config/regions.json"), "utf8")) as {
    id: string;
    url: string;
  }[];
  return JSON.stringify(regions.map((r) => (r.id === REGION ? { ...r, url } : r)));
}

/** From Terrane's sign-in page through the provider's login and consent pages, back to Terrane. */
async function signInThroughProvider(page: Page, instance: Instance, login: string): Promise<void> {
  await page.goto(`${instance.url}/signin`);
  await page.getByRole("button", { name: `Continue with ${DISPLAY_NAME}` }).click();
  await page.waitForURL(`${idp.issuer}/interaction/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password: the provider's dev login checks none");
  await page.getByRole("button", { name: "Sign-in", exact: true }).click();
  // Consent for the scopes Terrane asks for (openid email profile).
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.waitForURL((url) => url.origin === instance.url && !url.pathname.startsWith("/api/auth/"));
}

// One worker runs these in order with the instances of beforeAll; a sign-in crosses two
// servers and several redirects, which on a busy two-core machine needs more than 30 s.
test.describe.configure({ mode: "default", timeout: 60_000 });

/** Like Promise.all, but waits for every start so that afterAll can stop whatever did start. */
async function settled(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

/** First requests compile nothing but load each route's modules: take that hit before the tests. */
async function warmUp(instance: Instance): Promise<void> {
  for (const route of ["/signin", "/api/auth/providers", "/api/auth/csrf", "/api/auth/session", "/t"]) {
    await fetch(`${instance.url}${route}`, { redirect: "manual" }).then((r) => r.arrayBuffer());
  }
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  tmp = mkdtempSync(path.join(os.tmpdir(), "terrane-oidc-"));
  const ports: number[] = [];
  while (ports.length < 3) {
    const candidate = await freePort();
    if (!ports.includes(candidate)) ports.push(candidate);
  }
  const [port, bare, idpPort] = ports as [number, number, number];
  const url = `http://localhost:${port}`;
  const withDir = path.join(tmp, "with-oidc");
  const withoutDir = path.join(tmp, "without-oidc");
  await settled([
    startIdentityProvider({
      port: idpPort,
      redirectUri: `${url}/api/auth/callback/oidc`,
      identities: [ANA, MALLORY, EVE],
    }).then((p) => (idp = p)),
    seed(withDir, url),
  ]);
  // The same seeded region for the instance without OIDC: each embedded database has one owner.
  cpSync(path.join(withDir, REGION), path.join(withoutDir, REGION), { recursive: true });
  await settled([
    startInstance({
      region: REGION,
      port,
      dataDir: withDir,
      regionsJson: regionsJson(url),
      quiet: true,
      extraEnv: {
        LOG_LEVEL: "warn",
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_DISPLAY_NAME: DISPLAY_NAME,
      },
    }).then((i) => (withOidc = i)),
    startInstance({
      region: REGION,
      port: bare,
      dataDir: withoutDir,
      regionsJson: regionsJson(`http://localhost:${bare}`),
      quiet: true,
      extraEnv: {
        LOG_LEVEL: "warn",
        OIDC_ISSUER: "",
        OIDC_CLIENT_ID: "",
        OIDC_CLIENT_SECRET: "",
        OIDC_DISPLAY_NAME: "",
      },
    }).then((i) => (withoutOidc = i)),
  ]);
  await Promise.all([warmUp(withOidc), warmUp(withoutOidc)]);
});

test.afterAll(async () => {
  await Promise.all([withOidc?.stop(), withoutOidc?.stop(), idp?.stop()]);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("the sign-in page offers the configured identity provider", async ({ page }) => {
  await page.goto(`${withOidc.url}/signin`);
  await expect(page.getByRole("button", { name: `Continue with ${DISPLAY_NAME}` })).toBeVisible();
});

test("an invited identity signs in through the provider and gets its tenant and role", async ({ page }) => {
  await signInThroughProvider(page, withOidc, ANA.login);
  await expect(page).toHaveURL(`${withOidc.url}/t`);
  await expect(page.getByRole("heading", { name: "Welcome, Ana Ortega" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Your tenants" })).toContainText("northwind-eu");

  await page.goto(`${withOidc.url}/t/northwind-eu`);
  await expect(page).toHaveURL(`${withOidc.url}/t/northwind-eu`);
  const menu = page.getByTestId("user-menu");
  await expect(menu).toContainText("Ana Ortega");
  await expect(menu).toContainText("Customer admin");
  expect(idp.events).toContain("grant.success");
});

test("an identity nobody invited is refused in plain words and not signed in", async ({ page }) => {
  await signInThroughProvider(page, withOidc, MALLORY.login);
  await expect(page).toHaveURL(/\/signin\?error=not_invited$/);
  await expect(page.locator("main").getByRole("alert")).toHaveText(
    "Your identity provider account has no access to this region. Ask your admin for an invitation.",
  );
  expect(await (await page.request.get(`${withOidc.url}/api/auth/session`)).json()).toEqual({});
  await page.goto(`${withOidc.url}/t`);
  await expect(page).toHaveURL(/\/signin(\?|$)/);
  await expect(page.getByTestId("user-menu")).toHaveCount(0);
});

test("an unverified email does not claim the invited account that has it", async ({ page }) => {
  await signInThroughProvider(page, withOidc, EVE.login);
  await expect(page).toHaveURL(/\/signin\?error=not_invited$/);
  await expect(page.locator("main").getByRole("alert")).toContainText("has no access to this region");
  expect(await (await page.request.get(`${withOidc.url}/api/auth/session`)).json()).toEqual({});
});

test("without OIDC configuration there is no provider button", async ({ page }) => {
  await page.goto(`${withoutOidc.url}/signin`);
  await expect(page.getByRole("heading", { name: `Sign in to ${REGION}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Continue with/ })).toHaveCount(0);
});
