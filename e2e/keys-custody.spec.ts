import { expect, instanceUrl, signedInRequest, test } from "./fixtures";

/**
 * Who holds the keys, as the pages say it: the sovereign tenant northwind-gcc keeps its key in
 * me-central-1's national HSM (a SoftHSM2 token the e2e seeding makes, used through PKCS#11; CI
 * installs Debian's softhsm2), and its Keys page says so; a managed tenant's key is in the software
 * KMS, and its page does not call that an HSM. Read-only: nothing here changes a key.
 */

const GCC = { region: "me-central-1", tenant: "northwind-gcc" } as const;
const EU = { region: "eu-central-1", tenant: "northwind-eu" } as const;
const ADMIN = { email: "ana.admin@northwind.example" };

test("the sovereign tenant's Keys page says its key is in the national HSM (PKCS#11)", async ({ page, signIn }) => {
  await signIn(GCC.region, ADMIN);
  await page.goto(`${instanceUrl(GCC.region)}/t/${GCC.tenant}/keys`);
  await expect(page.getByRole("heading", { name: "Keys", level: 1 })).toBeVisible();
  const heldIn = page.getByTestId("key-card").getByTestId("key-held-in");
  // When SoftHSM2 was missing at seeding this reads "Software KMS …" and the e2e log says FALLBACK.
  await expect(heldIn).toHaveText(/national HSM \(PKCS#11\)/i);
  await expect(heldIn.getByTestId("custody-shortfall")).toHaveCount(0);
  await expect(page.getByTestId("key-card")).toContainText(`national-hsm/${GCC.tenant}`);

  // The API says the same.
  const api = await signedInRequest(GCC.region, ADMIN);
  try {
    const body = (await (await api.get(`${instanceUrl(GCC.region)}/api/v1/tenants/${GCC.tenant}/keys`)).json()) as {
      tier: string;
      keys: { provider: string; custody: string }[];
    };
    expect(body.tier).toBe("sovereign");
    expect(body.keys.length).toBeGreaterThan(0);
    for (const key of body.keys) expect(key).toMatchObject({ provider: "pkcs11", custody: "national_hsm" });
  } finally {
    await api.dispose();
  }
});

test("a managed tenant's key is in the software KMS, and its page claims no HSM", async ({ page, signIn }) => {
  await signIn(EU.region, ADMIN);
  await page.goto(`${instanceUrl(EU.region)}/t/${EU.tenant}/keys`);
  const heldIn = page.getByTestId("key-card").getByTestId("key-held-in");
  await expect(heldIn).toHaveText("Software KMS (region-local; not an HSM)");
  await expect(page.getByTestId("key-card")).not.toContainText("PKCS#11");
});
