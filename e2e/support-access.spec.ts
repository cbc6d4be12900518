import type { Browser, Page } from "@playwright/test";
import { expect, instanceUrl, signInWithApi, test } from "./fixtures";

/**
 * Support access as people use it, on northwind-eu (whose seeded policy asks for 2 approvals):
 * the region's support engineer asks for access through the form, the two customer admins approve
 * in turn (each reading what the grant would allow first), the engineer sees the grant and gets
 * its signed token, Ana revokes it and the engineer sees it revoked.
 */

const REGION = "eu-central-1" as const;
const TENANT = "northwind-eu";
const ENGINEER = { email: "support.frankfurt@terrane-provider.example" };
const ANA = { email: "ana.admin@northwind.example" };
const BEN = { email: "ben.admin@northwind.example" };
const supportUrl = () => `${instanceUrl(REGION)}/t/${TENANT}/support`;

async function pageAs(browser: Browser, who: { email: string }): Promise<Page> {
  const context = await browser.newContext();
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

test("a support engineer requests access, two admins approve, the engineer gets a token, Ana revokes it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ticket = `NW-E2E-${Date.now().toString(36)}`;
  const engineer = await pageAs(browser, ENGINEER);
  const ana = await pageAs(browser, ANA);
  const ben = await pageAs(browser, BEN);
  const mine = () => engineer.getByTestId("my-request").filter({ hasText: ticket });

  try {
    await test.step("the engineer finds the tenant on their own page and asks for access", async () => {
      await engineer.goto(`${instanceUrl(REGION)}/support`);
      await expect(engineer.getByRole("heading", { name: "My support access", level: 1 })).toBeVisible();
      await engineer
        .getByRole("region", { name: `Tenants homed in ${REGION}` })
        .getByRole("link", { name: TENANT, exact: true })
        .click();
      await expect(engineer).toHaveURL(supportUrl());
      await expect(engineer.getByRole("heading", { name: "Support access", level: 1 })).toBeVisible();

      const form = engineer.getByTestId("request-access-form");
      // Nothing chosen: said next to the fields, nothing sent.
      await form.getByRole("button", { name: "Request access" }).click();
      await expect(form.getByText("Choose at least one store or data class.")).toBeVisible();

      await form.getByRole("checkbox", { name: /business_records/ }).check();
      await form.getByLabel("Customer's ticket (required)").fill(ticket);
      await form
        .getByLabel("What you need to do, and why")
        .fill("Invoices look duplicated; I need to read the billing rows.");
      await form.getByLabel("Duration (minutes)").fill("60");
      await expect(form).toContainText("You ask for read only access to data classed business_records");
      await form.getByRole("button", { name: "Request access" }).click();
      await expect(mine()).toHaveAttribute("data-state", "pending");
      await expect(mine()).toContainText("Waiting for approval");
      await expect(mine()).toContainText("0 of 2 approvals");
    });

    await test.step("Ana reads what the grant would allow and approves: 1 of 2", async () => {
      await ana.goto(supportUrl());
      const card = ana.getByTestId("pending-request").filter({ hasText: ticket });
      await expect(card).toContainText("Support Engineer (frankfurt)");
      await expect(card).toContainText("Senior Support Engineer");
      await expect(card).toContainText("Terrane Cloud GmbH");
      await expect(card).toContainText("Germany (DE)");
      await expect(card).toContainText("0 of 2 approvals");
      await card.getByRole("button", { name: "Approve…" }).click();
      const dialog = ana.getByRole("dialog");
      await expect(dialog.getByTestId("approve-consequence")).toContainText(
        "Ana, you will let Support Engineer (frankfurt)",
      );
      await expect(dialog).toContainText("approval 1 of 2");
      await dialog.getByRole("button", { name: "Approve", exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(card).toContainText("1 of 2 approvals (Ana Ortega)");
      // Ana has approved this round: she may not approve again.
      await expect(card.getByRole("button", { name: "Approve…" })).toHaveCount(0);
    });

    await test.step("Ben approves: the grant is made", async () => {
      await ben.goto(supportUrl());
      const card = ben.getByTestId("pending-request").filter({ hasText: ticket });
      await expect(card).toContainText("1 of 2 approvals (Ana Ortega)");
      await card.getByRole("button", { name: "Approve…" }).click();
      const dialog = ben.getByRole("dialog");
      await expect(dialog).toContainText("Yours is the last approval needed (2 of 2)");
      await dialog.getByRole("button", { name: "Approve", exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(card).toHaveCount(0);
      const grant = ben.getByTestId("active-grant").filter({ hasText: ticket });
      await expect(grant).toContainText("Approved by Ana Ortega and Ben Okafor");
    });

    await test.step("the engineer sees the grant and gets its token", async () => {
      await engineer.reload();
      await expect(mine()).toHaveAttribute("data-state", "active");
      await expect(mine()).toContainText("The grant allows read only access to data classed business_records");
      await expect(mine().getByRole("timer")).toContainText("left");
      await mine().getByRole("button", { name: "Get token" }).click();
      const token = mine().getByTestId("grant-token");
      await expect(token).toBeVisible();
      await expect(token.getByLabel("Grant token (compact JWS)")).toHaveValue(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    });

    await test.step("Ana revokes it; the engineer sees it revoked", async () => {
      await ana.reload();
      const grant = ana.getByTestId("active-grant").filter({ hasText: ticket });
      await expect(grant).toContainText("Approved by Ana Ortega and Ben Okafor");
      await grant.getByRole("button", { name: "Revoke…" }).click();
      const dialog = ana.getByRole("dialog");
      await expect(dialog.getByTestId("revoke-consequence")).toContainText("the access broker refuses");
      await dialog.getByRole("button", { name: "Revoke now" }).click();
      await expect(dialog).toHaveCount(0);
      const history = ana.getByTestId("support-history").getByRole("row").filter({ hasText: ticket });
      await expect(history).toContainText("Revoked");
      await expect(history).toContainText("Revoked by Ana Ortega");

      await engineer.reload();
      await expect(mine()).toHaveAttribute("data-state", "revoked");
      await expect(mine()).toContainText("Revoked");
      await expect(mine()).toContainText("by Ana Ortega");
      await expect(mine().getByRole("button", { name: "Get token" })).toHaveCount(0);
    });
  } finally {
    await Promise.all([engineer.context().close(), ana.context().close(), ben.context().close()]);
  }
});
