import type { Locator } from "@playwright/test";
import { apiToken, expect, formAlert, instanceUrl, test } from "./fixtures";

/**
 * Drafting and editing sharing decisions in the UI: the new-draft form with every field and
 * destination kind, editing a draft, proposing a change to a decision in force, and the API's
 * validation errors in the form. Each test uses a data class and destination no other spec
 * touches (payment_data → a subprocessor, employee_data → a partner, government_id → a region,
 * which the failing draft never creates).
 */

const EU = "eu-central-1" as const;
const TENANT = "northwind-eu";
/** The versions of the open decision, newest first (each item also holds a list of its steps). */
const versionItems = (drawer: Locator) =>
  drawer.getByRole("list", { name: "Versions, newest first" }).locator(":scope > li");
/** One field's row of a version's diff table. */
const diffRow = (scope: Locator, field: string) =>
  scope.getByRole("row").filter({ has: scope.page().getByRole("rowheader", { name: field, exact: true }) });
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test("a compliance officer drafts a subprocessor decision with every field, then edits its notes and outcome", async ({
  page,
  signIn,
}) => {
  await signIn(EU, "compliance_officer");
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/decisions`);
  await page.getByRole("tab", { name: "Decisions" }).click();
  const form = page.getByRole("form", { name: "Draft a new decision" });
  const drawer = page.getByTestId("decision-drawer");

  await test.step("draft: subprocessor, DPA clause, effective to and notes", async () => {
    await expect(form).toContainText("A draft changes nothing");
    await form.getByLabel("Data class").selectOption("payment_data");
    await form
      .getByRole("group", { name: "Destination" })
      .getByRole("radio", { name: /Subprocessor/ })
      .check();
    await form.getByLabel("Subprocessor name").fill("E2E Ledger Archive");
    await form.getByLabel("Location (required)").fill("ch");
    await form.getByLabel("Outcome").selectOption("allow");
    await form.getByLabel("Legal basis").selectOption("adequacy");
    await form.getByLabel("DPA clause (optional)").fill("DPA Annex II §4");
    await form.getByLabel("Effective to (UTC date, optional)").fill(day(400));
    await form.getByLabel("Notes (optional)").fill("Archive of settled payments, Swiss adequacy.");
    await form.getByRole("button", { name: "Save draft" }).click();

    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole("heading", { level: 2 })).toContainText("E2E Ledger Archive (subprocessor, CH)");
    const v1 = versionItems(drawer).first();
    await expect(v1).toContainText("Version 1");
    await expect(v1).toContainText("Draft");
    await expect(v1).toContainText("DPA Annex II §4");
    await expect(v1).toContainText("Archive of settled payments");
    await expect(drawer.getByText("no version in force: the default deny applies")).toBeVisible();
  });

  await test.step("edit the draft: Escape cancels, then notes and outcome change and the diff shows them", async () => {
    const edit = drawer.getByRole("button", { name: "Edit draft" });
    await edit.click();
    const editForm = drawer.getByTestId("edit-decision-form");
    await expect(drawer.getByRole("heading", { name: "Edit draft version 1" })).toBeFocused();
    await expect(editForm.getByLabel("Outcome")).toHaveValue("allow");
    await expect(editForm.getByLabel("DPA clause (optional)")).toHaveValue("DPA Annex II §4");
    // Escape closes the form, not the drawer, and focus returns to the button.
    await page.keyboard.press("Escape");
    await expect(editForm).toHaveCount(0);
    await expect(drawer).toBeVisible();
    await expect(edit).toBeFocused();

    await edit.click();
    await editForm.getByLabel("Outcome").selectOption("allow_aggregates");
    await editForm.getByLabel("Notes (optional)").fill("Only monthly aggregates leave.");
    await expect(editForm).toContainText("Changed: outcome, notes.");
    await editForm.getByRole("button", { name: "Save changes" }).click();

    await expect(editForm).toHaveCount(0);
    await expect(drawer.getByRole("status")).toContainText("Saved: outcome, notes changed");
    await expect(drawer.getByRole("button", { name: "Edit draft" })).toBeFocused();
    const diff = versionItems(drawer).first().getByRole("table", { name: "As first drafted" });
    await expect(diffRow(diff, "outcome")).toContainText("allow_aggregates");
    await expect(diffRow(diff, "notes")).toContainText("Only monthly aggregates leave.");
    await expect(drawer.getByRole("list", { name: "Steps of version 1" })).toContainText("edited by");
  });

  await test.step("the matrix shows the draft", async () => {
    await drawer.getByRole("button", { name: "Close" }).click();
    await page.getByRole("tab", { name: "Matrix" }).click();
    const cell = page
      .getByTestId("decision-matrix")
      .locator('[data-cell="payment_data|subprocessor:e2e ledger archive@CH"]');
    await expect(cell).toContainText("Denied");
    await expect(cell).toContainText("v1: Draft");
  });
});

test("the customer admin proposes a change to a decision in force: a new draft version, the old one stays in force", async ({
  page,
  request,
  signIn,
}) => {
  // Put employee_data → partner E2E Payroll Bureau (IE) in force through the API (four eyes: the second officer approves).
  const base = instanceUrl(EU);
  const api = `${base}/api/v1/tenants/${TENANT}/decisions`;
  const as = (who: Parameters<typeof apiToken>[1]) => ({ authorization: `Bearer ${apiToken(EU, who).token}` });
  const created = await request.post(api, {
    headers: as("compliance_officer"),
    data: {
      data_class: "employee_data",
      destination: { kind: "partner", id: "E2E Payroll Bureau", location: "IE" },
      outcome: "allow_pseudonymised",
      legal_basis: "sccs",
      tia_ref: "TIA-E2E-PAYROLL",
      notes: "Payroll run by the bureau.",
      effective_from: new Date(Date.now() - 86_400_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await request.post(`${api}/${id}/submit`, { headers: as("compliance_officer") })).status()).toBe(200);
  expect(
    (
      await request.post(`${api}/${id}/approve`, {
        headers: as({ email: "compliance2.frankfurt@terrane-provider.example" }),
      })
    ).status(),
  ).toBe(200);
  expect((await request.post(`${api}/${id}/accept`, { headers: as("customer_admin") })).status()).toBe(200);

  await signIn(EU, "customer_admin");
  await page.goto(`${base}/t/${TENANT}/decisions`);
  await page.getByRole("tab", { name: "Decisions" }).click();
  await page.getByRole("button", { name: "Details of employee_data to E2E Payroll Bureau (partner, IE)" }).click();
  const drawer = page.getByTestId("decision-drawer");
  await expect(drawer.getByText("version 1, until open-ended")).toBeVisible();

  await drawer.getByRole("button", { name: "Propose a change" }).click();
  await expect(drawer.getByRole("heading", { name: "Propose a change: new version 2" })).toBeFocused();
  const editForm = drawer.getByTestId("edit-decision-form");
  await expect(editForm).toContainText(
    "Version 1 stays in force until the new one is reviewed, accepted and effective.",
  );
  await expect(editForm.getByLabel(/Transfer impact assessment reference/)).toHaveValue("TIA-E2E-PAYROLL");
  await editForm.getByLabel("Outcome").selectOption("allow_aggregates");
  await editForm.getByLabel("Notes (optional)").fill("Aggregates only from next quarter.");
  await editForm.getByRole("button", { name: "Create draft version 2" }).click();

  await expect(editForm).toHaveCount(0);
  const versions = versionItems(drawer);
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText("Version 2");
  await expect(versions.nth(0)).toContainText("Draft");
  const diff = versions.nth(0).getByRole("table", { name: "Changes from version 1" });
  await expect(diffRow(diff, "outcome")).toContainText("allow_pseudonymised");
  await expect(diffRow(diff, "outcome")).toContainText("allow_aggregates");
  await expect(diffRow(diff, "notes")).toContainText("Aggregates only from next quarter.");
  await expect(versions.nth(1)).toContainText("Accepted, in force");
  // What applies now has not moved.
  await expect(drawer.getByText("version 1, until open-ended")).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Edit draft" })).toBeVisible();

  // In review, the version cannot be edited: the drawer says why instead of offering it.
  await drawer.getByRole("button", { name: "Submit for review" }).click();
  await page
    .getByRole("dialog", { name: "Submit version 2 for review?" })
    .getByRole("button", { name: "Submit" })
    .click();
  await expect(drawer.getByTestId("edit-blocked")).toContainText("withdraw it first to edit");
  await expect(drawer.getByRole("button", { name: "Edit draft" })).toHaveCount(0);
});

test("the API's validation error shows in the form, with the field it names focused", async ({ page, signIn }) => {
  await signIn(EU, "compliance_officer");
  await page.goto(`${instanceUrl(EU)}/t/${TENANT}/decisions`);
  await page.getByRole("tab", { name: "Decisions" }).click();
  const form = page.getByRole("form", { name: "Draft a new decision" });
  await form.getByLabel("Data class").selectOption("government_id");
  await form.getByLabel("Destination region").selectOption("us-east-1");
  await form.getByLabel("Outcome").selectOption("allow");
  await form.getByLabel("Legal basis").selectOption("sccs");
  await expect(form.getByLabel("Transfer impact assessment reference (required)")).toBeVisible();
  await form.getByRole("button", { name: "Save draft" }).click();

  await expect(formAlert(page)).toContainText("tia_ref: transfers on SCCs need a transfer-impact assessment reference");
  const tia = form.getByLabel("Transfer impact assessment reference (required)");
  await expect(tia).toBeFocused();
  await expect(tia).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("decision-drawer")).toHaveCount(0);

  // A deny takes no legal basis: the control is disabled and nothing is sent for it.
  await form.getByLabel("Outcome").selectOption("deny");
  await expect(form.getByLabel("Legal basis")).toBeDisabled();
});
