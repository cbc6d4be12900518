import { expect, instanceUrl, test } from "./fixtures";

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
    await expect(page).toHaveURL(`${me}/t/northwind-gcc`);
    await expect(page.getByTestId("region-badge")).toContainText("me-central-1");
  });
});
