import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, instanceUrl, test, type Role } from "./fixtures";

/** Themes and keyboard use of the shell. */

test.describe("theme", () => {
  test.use({ colorScheme: "light" });

  test("the toggle cycles system → light → dark → system, and the choice survives a reload", async ({ page }) => {
    const base = instanceUrl("eu-central-1");
    await page.goto(`${base}/`);
    const html = page.locator("html");
    const toggle = page.getByRole("button", { name: /Change theme/ });
    await expect(toggle).toHaveAccessibleName("Theme: follow system. Change theme");
    await expect(html).not.toHaveClass(/\bdark\b/);

    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: light. Change theme");
    await expect(html).not.toHaveClass(/\bdark\b/);

    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: dark. Change theme");
    await expect(html).toHaveClass(/\bdark\b/);
    const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    // Persisted, and applied before paint on the next load (and on another page).
    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(toggle).toHaveAccessibleName("Theme: dark. Change theme");
    await page.goto(`${base}/signin`);
    await expect(html).toHaveClass(/\bdark\b/);
    await page.goto(`${base}/`);

    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: follow system. Change theme");
    await expect(html).not.toHaveClass(/\bdark\b/);
    const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(lightBackground).not.toBe(darkBackground);
  });

  test("“follow system” follows a dark system preference", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${instanceUrl("eu-central-1")}/`);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  });
});

test.describe("keyboard", () => {
  test("the skip link is the first stop and moves focus to the main content", async ({ page, signIn }) => {
    const base = instanceUrl("eu-central-1");
    await signIn("eu-central-1", "customer_admin");
    await page.goto(`${base}/t/northwind-eu`);
    await page.locator("body").press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    // Onwards from main, the next Tab lands inside the content, past the header.
    await page.keyboard.press("Tab");
    const inHeader = await page.evaluate(() => document.activeElement?.closest("header") !== null);
    expect(inHeader).toBe(false);
  });

  test("the tenant switcher opens, moves and chooses with the keyboard alone", async ({ page, signIn }) => {
    const eu = instanceUrl("eu-central-1");
    const me = instanceUrl("me-central-1");
    await signIn("eu-central-1", "customer_admin");
    await signIn("me-central-1", "customer_admin");
    await page.goto(`${eu}/t/northwind-eu`);

    const trigger = page.getByTestId("tenant-switcher");
    for (let i = 0; i < 6 && !(await trigger.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(trigger).toBeFocused();
    await expect(trigger).toHaveAttribute("aria-expanded", "false");

    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await expect(menu).toBeVisible();
    await expect(trigger).toHaveAttribute("aria-expanded", "true");
    await expect(menu.getByRole("menuitem")).toHaveCount(3);

    // Escape closes and gives focus back to the trigger.
    await page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);
    await expect(trigger).toBeFocused();

    // Arrow keys open and move through the tenants; Enter opens the highlighted one.
    await page.keyboard.press("ArrowDown");
    await expect(menu).toBeVisible();
    const target = menu.getByRole("menuitem", { name: /northwind-gcc/ });
    for (let i = 0; i < 4 && !(await target.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("ArrowDown");
    await expect(target).toBeFocused();
    await page.keyboard.press("Enter");
    // The other region's instance renders its first overview of the tenant: the load can outlast the default.
    await expect(page).toHaveURL(`${me}/t/northwind-gcc`, { timeout: 30_000 });
    await expect(page.getByTestId("region-badge")).toContainText("me-central-1");
  });
});

/**
 * Every page at a phone's 390 px and a desktop's 1440 px, light and dark: axe finds nothing
 * serious or critical, and on the phone nothing scrolls sideways and the navigation and the
 * account menu are reachable. One signed-in context per role, viewport and scheme.
 */

interface PageCase {
  path: string;
  /** Whether the page has a sidebar, so the phone's menu button is there to open it. */
  nav: boolean;
}

const A11Y_REGION = "eu-central-1" as const;
const A11Y_TENANT = "/t/northwind-eu";

const PAGES: { who: Role | null; pages: PageCase[] }[] = [
  {
    who: null,
    pages: [
      { path: "/", nav: false },
      { path: "/signin", nav: false },
      { path: "/trust", nav: false },
    ],
  },
  {
    who: "customer_admin",
    pages: [
      { path: "/t", nav: false },
      { path: A11Y_TENANT, nav: true },
      { path: `${A11Y_TENANT}/map`, nav: true },
      { path: `${A11Y_TENANT}/lineage`, nav: true },
    ],
  },
  {
    who: "customer_admin",
    pages: [
      { path: `${A11Y_TENANT}/decisions`, nav: true },
      { path: `${A11Y_TENANT}/keys`, nav: true },
      { path: `${A11Y_TENANT}/audit`, nav: true },
      { path: "/account/tokens", nav: false },
    ],
  },
  {
    who: "customer_admin",
    pages: [
      { path: `${A11Y_TENANT}/settings/webhooks`, nav: true },
      { path: "/account/notifications", nav: false },
    ],
  },
  {
    who: "compliance_officer",
    pages: [
      { path: "/region/tenants", nav: true },
      { path: "/region/integrity", nav: true },
      { path: "/region/reviews", nav: true },
      // The new-draft form prefilled from a lineage violation (it creates nothing until saved).
      {
        path: `${A11Y_TENANT}/decisions?propose=1&data_class=customer_pii&to_kind=region&to=af-south-1&from=eu-central-1`,
        nav: true,
      },
    ],
  },
  {
    who: "customer_admin",
    pages: [
      { path: `${A11Y_TENANT}/support`, nav: true },
      { path: `${A11Y_TENANT}/attestations`, nav: true },
      { path: `${A11Y_TENANT}/auditors`, nav: true },
      { path: `${A11Y_TENANT}/evidence`, nav: true },
    ],
  },
  {
    who: "auditor",
    pages: [
      { path: `${A11Y_TENANT}/engagement`, nav: true },
      { path: `${A11Y_TENANT}/evidence`, nav: true },
    ],
  },
  {
    who: "compliance_officer",
    pages: [
      { path: "/region/subprocessors", nav: true },
      { path: "/region/subprocessor-objections", nav: true },
      { path: `${A11Y_TENANT}/subprocessors`, nav: true },
    ],
  },
  {
    who: "customer_admin",
    pages: [{ path: `${A11Y_TENANT}/subprocessors`, nav: true }],
  },
  {
    who: "provider_admin",
    pages: [{ path: "/region/subprocessors", nav: true }],
  },
  {
    who: "customer_admin",
    pages: [{ path: `${A11Y_TENANT}/governance`, nav: true }],
  },
  {
    who: "compliance_officer",
    pages: [{ path: "/region/governance", nav: true }],
  },
  {
    who: "customer_admin",
    pages: [{ path: `${A11Y_TENANT}/governance/drills`, nav: true }],
  },
  {
    who: "compliance_officer",
    pages: [
      { path: "/region/drills", nav: true },
      { path: "/region", nav: true },
    ],
  },
  {
    who: "customer_admin",
    pages: [{ path: `${A11Y_TENANT}/governance/lawful-access`, nav: true }],
  },
  {
    who: "compliance_officer",
    pages: [{ path: "/region/lawful-access", nav: true }],
  },
  {
    who: "support_engineer",
    pages: [
      { path: "/support", nav: true },
      { path: `${A11Y_TENANT}/support`, nav: true },
    ],
  },
];

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;

/** Waits until the page has painted its data: a heading, and no skeleton or busy region left. */
async function settle(page: Page) {
  await expect(page.locator("h1").first()).toBeVisible();
  await expect(page.locator('[role="status"] .animate-pulse')).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * Nothing when the page fits the window; otherwise the innermost elements that stick out past
 * its right edge (outside any sideways scroller of their own), so a failure names its cause.
 */
async function sideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const scrolls = (el: Element) => {
      const x = getComputedStyle(el).overflowX;
      return x === "auto" || x === "scroll" || x === "hidden" || x === "clip";
    };
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (el.getBoundingClientRect().right <= width + 1) continue;
      let inside = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) inside = true;
      const position = getComputedStyle(el).position;
      // An absolute child escapes a scroller that is not its containing block.
      if ((inside && position !== "absolute") || position === "fixed") continue;
      const wideChild = Array.from(el.children).some((c) => c.getBoundingClientRect().right > width + 1);
      if (!wideChild) out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)}`);
    }
    return out.length > 0 ? out.slice(0, 8) : [`scrollWidth ${document.documentElement.scrollWidth}`];
  });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
}

/** On a phone: the menu opens the navigation, Escape closes it, and the account menu offers sign-out. */
async function phoneShell(page: Page, pageCase: PageCase) {
  const button = page.getByTestId("nav-menu-button");
  if (!pageCase.nav) {
    await expect(button).toBeHidden();
  } else {
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(page.locator(".shell-sidebar").first()).toBeHidden();
    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    const link = page.locator(".shell-sidebar nav a").first();
    await expect(link).toBeVisible();
    await expect(link).toBeFocused();
    expect.soft(await sideways(page), "the open menu scrolls sideways").toEqual([]);
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toBeFocused();
    await expect(link).toBeHidden();
  }
  await expect(page.getByTestId("region-badge")).toBeInViewport();
  const account = page.getByTestId("user-menu");
  await expect(account).toBeInViewport();
  await account.click();
  await expect(page.getByRole("menuitem").filter({ hasText: "Sign out" })).toBeInViewport();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
}

test.describe("every page, on a phone and a desktop, light and dark", () => {
  // Independent of each other: both workers share them.
  test.describe.configure({ mode: "parallel" });
  for (const viewport of VIEWPORTS) {
    for (const colorScheme of ["light", "dark"] as const) {
      test.describe(`${viewport.name} ${colorScheme}`, () => {
        test.use({ viewport: { width: viewport.width, height: viewport.height }, colorScheme });
        for (const { who, pages } of PAGES) {
          test(`${who ?? "signed out"} on ${pages.map((p) => p.path).join(", ")}: axe finds nothing serious${viewport.name === "phone" ? ", nothing scrolls sideways, menus reachable" : ""}`, async ({
            page,
            signIn,
          }) => {
            test.setTimeout(60_000 + pages.length * 45_000);
            const base = instanceUrl(A11Y_REGION);
            if (who) await signIn(A11Y_REGION, who);
            for (const pageCase of pages) {
              await test.step(pageCase.path, async () => {
                const response = await page.goto(`${base}${pageCase.path}`);
                expect(response?.status(), pageCase.path).toBe(200);
                await settle(page);
                if (colorScheme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
                else await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
                expect.soft(await seriousViolations(page), `axe on ${pageCase.path}`).toEqual([]);
                if (viewport.name !== "phone") return;
                expect.soft(await sideways(page), `${pageCase.path} scrolls sideways`).toEqual([]);
                if (who) await phoneShell(page, pageCase);
              });
            }
          });
        }
      });
    }
  }
});
