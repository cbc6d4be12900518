import { expect, instanceUrl, ROLE_LABEL, signInWithForm, test, type Role } from "./fixtures";

/**
 * Each of the six roles signs in through the form on eu-central-1 and sees exactly the
 * navigation its Cedar policies allow (platform/policy/navigation.ts keys), and its role label.
 */

const TENANT_KEYS = [
  "overview",
  "map",
  "lineage",
  "keys",
  "decisions",
  "subprocessors",
  "attestations",
  "evidence",
  "engagement",
  "auditors",
  "support",
  "governance",
  "audit",
  "settings",
] as const;
const REGION_KEYS = [
  "tenants",
  "reviews",
  "integrity",
  "support-requests",
  "ingest",
  "subprocessor-register",
  "subprocessor-objections",
  "lawful-access",
  "governance",
  "drills",
  "desk",
] as const;
/** Region items that are built (links); the others are planned (listed, not linked). */
const REGION_AVAILABLE: Partial<Record<(typeof REGION_KEYS)[number], string>> = {
  tenants: "/region/tenants",
  reviews: "/region/reviews",
  integrity: "/region/integrity",
  "support-requests": "/support",
  "subprocessor-register": "/region/subprocessors",
  "subprocessor-objections": "/region/subprocessor-objections",
  "lawful-access": "/region/lawful-access",
  governance: "/region/governance",
  drills: "/region/drills",
  desk: "/region",
};

interface Expectation {
  /** Tenant nav on /t/northwind-eu; null = the tenant page is refused (403) for this role. */
  tenant: (typeof TENANT_KEYS)[number][] | null;
  region: (typeof REGION_KEYS)[number][];
}

const EXPECTED: Record<Role, Expectation> = {
  // The engagement page is an auditor's own.
  customer_admin: { tenant: TENANT_KEYS.filter((k) => k !== "engagement"), region: [] },
  // Settings (webhooks.read) are the tenant admins' alone; auditors are for admins and compliance.
  customer_viewer: {
    tenant: TENANT_KEYS.filter((k) => !["settings", "engagement", "auditors"].includes(k)),
    region: [],
  },
  auditor: {
    tenant: [
      "overview",
      "map",
      "keys",
      "subprocessors",
      "attestations",
      "evidence",
      "engagement",
      "governance",
      "audit",
    ],
    region: [],
  },
  compliance_officer: {
    tenant: [
      "overview",
      "map",
      "lineage",
      "decisions",
      "subprocessors",
      "attestations",
      "auditors",
      "support",
      "governance",
      "audit",
    ],
    region: [
      "tenants",
      "reviews",
      "integrity",
      "subprocessor-register",
      "subprocessor-objections",
      "lawful-access",
      "governance",
      "drills",
      "desk",
    ],
  },
  // The overview is refused (403); the tenant frame opens for them on Support access alone.
  support_engineer: { tenant: null, region: ["tenants", "support-requests"] },
  // Support access lists the break-glass requests a provider admin may open as the second person.
  provider_admin: {
    tenant: ["overview", "subprocessors", "support"],
    region: ["tenants", "integrity", "ingest", "subprocessor-register", "governance"],
  },
};

const REGION = "eu-central-1" as const;
const TENANT = "northwind-eu";

for (const [role, expected] of Object.entries(EXPECTED) as [Role, Expectation][]) {
  test(`${role} signs in and sees the navigation of the role`, async ({ page }) => {
    const base = instanceUrl(REGION);
    await signInWithForm(page, REGION, role);
    await expect(page.getByTestId("region-badge")).toContainText(REGION);
    await expect(page.getByTestId("user-menu")).toBeVisible();
    const staff = ["compliance_officer", "support_engineer", "provider_admin"].includes(role);

    // Region-wide navigation, on the landing page.
    const regionNav = page.getByTestId("region-nav");
    if (expected.region.length === 0) {
      await expect(regionNav).toHaveCount(0);
    } else {
      await expect(regionNav).toBeVisible();
      for (const key of REGION_KEYS) {
        await expect(regionNav.locator(`li[data-nav="${key}"]`), `region nav "${key}" for ${role}`).toHaveCount(
          expected.region.includes(key) ? 1 : 0,
        );
      }
      // Available items are links, planned ones are not.
      for (const key of expected.region) {
        const href = REGION_AVAILABLE[key];
        if (href) {
          await expect(regionNav.locator(`li[data-nav="${key}"] a`)).toHaveAttribute("href", href);
        } else {
          await expect(regionNav.locator(`li[data-nav="${key}"] a`)).toHaveCount(0);
          await expect(regionNav.locator(`li[data-nav="${key}"] [aria-disabled="true"]`)).toBeVisible();
        }
      }
    }
    if (staff) await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABEL[role]);
    // A compliance officer lands on the desk; everyone else on the list of their tenants.
    if (expected.region.includes("desk")) {
      await expect(page).toHaveURL(`${base}/region`);
      await expect(page.getByRole("heading", { name: "Compliance desk", level: 1 })).toBeVisible();
      await expect(page.getByTestId("region-nav").locator('li[data-nav="desk"] a')).toHaveAttribute(
        "aria-current",
        "page",
      );
    } else {
      await expect(page).toHaveURL(`${base}/t`);
    }

    // The tenant's navigation, on its overview.
    const response = await page.goto(`${base}/t/${TENANT}`);
    if (expected.tenant === null) {
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Your role does not allow this" })).toBeVisible();
      await expect(page.getByTestId("tenant-nav")).toHaveCount(0);
      return;
    }
    expect(response?.status()).toBe(200);
    const tenantNav = page.getByTestId("tenant-nav");
    await expect(tenantNav).toBeVisible();
    for (const key of TENANT_KEYS) {
      await expect(tenantNav.locator(`li[data-nav="${key}"]`), `tenant nav "${key}" for ${role}`).toHaveCount(
        expected.tenant.includes(key) ? 1 : 0,
      );
    }
    await expect(tenantNav.locator('li[data-nav="overview"] a')).toHaveAttribute("aria-current", "page");
    if (expected.tenant.includes("audit"))
      await expect(tenantNav.locator('li[data-nav="audit"] a')).toHaveAttribute("href", `/t/${TENANT}/audit`);
    if (expected.tenant.includes("keys"))
      await expect(tenantNav.locator('li[data-nav="keys"] a')).toHaveAttribute("href", `/t/${TENANT}/keys`);
    for (const key of ["map", "lineage", "decisions", "attestations", "evidence"] as const) {
      if (expected.tenant.includes(key))
        await expect(tenantNav.locator(`li[data-nav="${key}"] a`)).toHaveAttribute("href", `/t/${TENANT}/${key}`);
    }
    await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABEL[role]);
    // Staff hold no memberships: they reach tenants through the region's list, not the switcher.
    if (staff) await expect(page.getByTestId("tenant-switcher")).toHaveCount(0);
    else await expect(page.getByTestId("tenant-switcher")).toContainText(TENANT);

    // Staff with the region's tenant list reach it from the region navigation.
    if (expected.region.includes("tenants")) {
      await page.getByTestId("region-nav").getByRole("link", { name: "Region tenants" }).click();
      await expect(page).toHaveURL(`${base}/region/tenants`);
      await expect(page.getByRole("heading", { name: `Tenants homed in ${REGION}` })).toBeVisible();
      await expect(page.getByRole("rowheader", { name: /northwind-eu/ })).toBeVisible();
    }
  });
}
