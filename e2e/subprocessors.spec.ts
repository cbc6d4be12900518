import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, instanceUrl, signInWithApi, test } from "./fixtures";

/**
 * The subprocessor register as people use it, on eu-central-1. The provider admin proposes a new
 * subprocessor through the form on a desktop in light mode (the urgent path first refused without
 * its reason); a compliance officer, on a phone in dark mode, approves it through the dialog that
 * names what is announced, to whom, and the date it takes effect (the region's notice period from
 * now), and sees it announced with that date. Ana, a customer admin of northwind-eu, opens her
 * tenant's Subprocessors section, sees the announced change and which of Northwind's data classes
 * it would receive, and objects with a reason; the compliance officer resolves the objection in
 * the region's queue with a written outcome, and Ana reads it. axe finds nothing serious or
 * critical on the register page at 1440 px in light mode and at 390 px in dark mode (also with the
 * approve dialog open). The change is withdrawn at the end, so other specs see the seeded register.
 */

const REGION = "eu-central-1" as const;
const TENANT = "northwind-eu";
const PROVIDER_ADMIN = { email: "platform.frankfurt@terrane-provider.example" };
const COMPLIANCE = { email: "compliance.frankfurt@terrane-provider.example" };
const ANA = { email: "ana.admin@northwind.example" };
const base = () => instanceUrl(REGION);
const registerUrl = () => `${base()}/region/subprocessors`;

/** "13 Jan 2027, 09:30 UTC", as the pages write a moment. */
const MOMENT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const momentWords = (d: Date) => `${MOMENT.format(d)} UTC`;

/** axe's serious and critical findings on the page as it is now. */
async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
}

/** Nothing when the page fits the window; otherwise the widest element's tag and classes. */
async function sideways(p: Page): Promise<string | null> {
  return p.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return null;
    const wide = Array.from(document.body.querySelectorAll("*")).filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 1,
    );
    const last = wide.at(-1);
    return `scrollWidth ${document.documentElement.scrollWidth}: ${last?.tagName.toLowerCase()}.${String(last?.className).slice(0, 80)}`;
  });
}

async function pageAs(
  browser: Browser,
  who: { email: string },
  look: { width: number; height: number; colorScheme: "light" | "dark" },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: look.width, height: look.height },
    colorScheme: look.colorScheme,
    locale: "en-US",
  });
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

/** The change card of `name` in one of the register's sections. */
const changeCard = (p: Page, section: string, name: string): Locator =>
  p.getByRole("region", { name: section }).getByTestId("register-change").filter({ hasText: name });

/** Withdraws the spec's change (whatever state a failed run left it in) through the API. */
async function withdrawLeftovers(admin: Page, name: string) {
  const register = await admin.request.get(`${base()}/api/v1/region/subprocessors`);
  if (register.status() !== 200) return;
  const { changes } = (await register.json()) as { changes: { id: string; name: string; state: string }[] };
  for (const c of changes.filter((c) => c.name === name && (c.state === "proposed" || c.state === "announced"))) {
    await admin.request.post(`${base()}/api/v1/region/subprocessor-changes/${c.id}/withdraw`, {
      data: { note: "Withdrawn by the e2e spec after its run." },
      headers: { origin: base() },
    });
  }
}

test("a provider admin announces a subprocessor, the customer sees the impact and objects, compliance resolves", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const name = `Mailgrid ${Date.now().toString(36)}`;
  const admin = await pageAs(browser, PROVIDER_ADMIN, { width: 1440, height: 900, colorScheme: "light" });
  const compliance = await pageAs(browser, COMPLIANCE, { width: 390, height: 844, colorScheme: "dark" });
  const ana = await pageAs(browser, ANA, { width: 1280, height: 800, colorScheme: "light" });
  let named = "";
  let effectiveAt = new Date(0);

  try {
    await test.step("the provider admin proposes a new subprocessor through the form", async () => {
      await admin.goto(registerUrl());
      await expect(admin.getByRole("heading", { level: 1, name: /Subprocessor register of/ })).toBeVisible();
      expect(await seriousViolations(admin), "axe on the register at 1440 px, light").toEqual([]);

      await admin.getByRole("button", { name: "Propose a new subprocessor" }).click();
      const form = admin.getByTestId("propose-form");
      await expect(form.getByRole("heading", { name: "Propose a new subprocessor" })).toBeFocused();
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Legal entity", { exact: true }).fill("Mailgrid Inc.");
      await form.getByLabel("Service", { exact: true }).fill("Transactional e-mail");
      await form.getByLabel("Purpose of processing").fill("Sends notification e-mails to the customer's users.");
      await form
        .getByRole("group", { name: "Data classes processed" })
        .getByLabel(/\(customer_pii\)/)
        .check();
      await form.getByLabel("Country to add").selectOption({ label: "United States (US)" });
      await form.getByRole("button", { name: "Add country" }).click();
      await expect(form.getByRole("list", { name: "Chosen countries" })).toContainText("United States (US)");
      await form.getByLabel("Standard contractual clauses").check();
      await form.getByLabel("SCC module").selectOption({ label: "Module 3: processor to processor" });
      await form.getByLabel("Certifications (optional)").fill("SOC 2 Type II");
      await form.getByLabel("Website (optional)").fill("https://mailgrid.example/privacy");

      // The urgent path asks for its reason (and date) before anything is sent.
      await form.getByLabel("Urgent replacement: shorten the notice period").check();
      await form.getByRole("button", { name: "Propose for review" }).click();
      await expect(form.getByText("Say why the notice period must be shortened")).toBeVisible();
      await expect(form.getByLabel("Why the notice must be shortened (required)")).toBeFocused();
      expect(await seriousViolations(admin), "axe with the form's errors shown").toEqual([]);
      await form.getByLabel("Urgent replacement: shorten the notice period").uncheck();

      await form.getByRole("button", { name: "Propose for review" }).click();
      await expect(admin.getByTestId("register-status")).toContainText(`Proposed: new subprocessor, ${name}`);
      const card = changeCard(admin, "Awaiting review", name);
      await expect(card).toHaveAttribute("data-state", "proposed");
      await expect(card).toContainText("Proposed, awaiting compliance review");
      await expect(card).toContainText("by Platform Admin (frankfurt)");
      await expect(card.getByTestId("change-diff")).toContainText("+ added: United States (US)");
      // Provider admins propose; they never approve.
      await expect(card.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
      await expect(card.getByRole("button", { name: /^Withdraw/ })).toBeVisible();
    });

    await test.step("the compliance officer approves it through the dialog naming the date", async () => {
      const settings = await compliance.request.get(`${base()}/api/v1/region/subprocessor-settings`);
      expect(settings.status()).toBe(200);
      const { notice_days } = (await settings.json()) as { notice_days: number };

      await compliance.goto(registerUrl());
      expect(await sideways(compliance), "the register at 390 px").toBeNull();
      expect(await seriousViolations(compliance), "axe on the register at 390 px, dark").toEqual([]);

      const card = changeCard(compliance, "Awaiting review", name);
      await expect(card.getByTestId("change-diff")).toContainText("Customer personal data (customer_pii)");
      await card.getByRole("button", { name: `Approve… ${name}` }).click();
      const dialog = compliance.getByRole("dialog");
      await expect(dialog.getByTestId("approve-announces")).toContainText(
        `${name} (Mailgrid Inc.) becomes a subprocessor for Transactional e-mail`,
      );
      await expect(dialog.getByTestId("approve-audience")).toContainText("every tenant homed in");
      const effective = dialog.getByTestId("approve-effective");
      await expect(effective).toContainText(`at the end of the region's ${notice_days}-day notice period`);
      named = (await effective.textContent()) ?? "";
      expect(await seriousViolations(compliance), "axe with the approve dialog open").toEqual([]);

      await dialog.getByRole("button", { name: "Approve and announce" }).click();
      await expect(dialog).toHaveCount(0);
      await expect(compliance.getByTestId("register-status")).toContainText(`Announced: ${name}`);
      await expect(compliance.getByTestId("register-status")).toBeFocused();

      // The dialog named the date the server gave it (to the minute; a minute may turn between).
      const register = await compliance.request.get(`${base()}/api/v1/region/subprocessors`);
      const { changes } = (await register.json()) as { changes: { name: string; effective_at: string | null }[] };
      effectiveAt = new Date(changes.find((c) => c.name === name)!.effective_at!);
      const minutes = [0, 1].map((m) => momentWords(new Date(effectiveAt.getTime() - m * 60_000)));
      expect(
        minutes.some((m) => named.includes(`It takes effect on ${m}`)),
        `"${named}" names ${minutes.join(" or ")}`,
      ).toBe(true);

      const announced = changeCard(compliance, "Announced, in their notice period", name);
      await expect(announced).toHaveAttribute("data-state", "announced");
      await expect(announced).toContainText("by Compliance Officer (frankfurt)");
      await expect(announced.getByTestId("change-effective-at")).toContainText(momentWords(effectiveAt));
      expect(await seriousViolations(compliance), "axe after the approval").toEqual([]);
    });

    await test.step("Ana sees the announced change and its impact on Northwind, and objects", async () => {
      await ana.goto(`${base()}/t/${TENANT}/subprocessors`);
      await expect(ana.getByRole("heading", { level: 1, name: "Subprocessors" })).toBeVisible();
      const change = ana.getByTestId("upcoming-change").filter({ hasText: name });
      await expect(change.getByRole("heading", { name })).toBeVisible();
      await expect(change).toContainText(`takes effect ${momentWords(effectiveAt)}`);
      // Northwind holds customer personal data, which the new subprocessor would receive.
      const touched = change.locator('[data-testid="impact-class"][data-class="customer_pii"]');
      await expect(touched).toContainText("Customer personal data");
      await expect(touched).toContainText("United States");

      await change.getByRole("button", { name: "Object", exact: true }).click();
      const dialog = ana.getByRole("dialog");
      await expect(dialog).toContainText(`takes effect on ${momentWords(effectiveAt)}`);
      await dialog
        .getByLabel("Reason", { exact: true })
        .fill("Our customers' personal data must not leave the EU; we have no decision allowing a US e-mail provider.");
      await dialog.getByRole("button", { name: "Send objection" }).click();
      await expect(dialog).toHaveCount(0);
      await expect(ana.getByRole("status").filter({ hasText: "Objection recorded" })).toBeVisible();
      await expect(change).toContainText("Your objection:");
      await expect(ana.getByTestId("tenant-objections").getByRole("row").filter({ hasText: name })).toContainText(
        "must not leave the EU",
      );
    });

    await test.step("the compliance officer resolves the objection with a written outcome", async () => {
      await compliance.goto(`${base()}/region/subprocessor-objections`);
      await expect(
        compliance.getByRole("heading", { level: 1, name: "Objections to subprocessor changes" }),
      ).toBeVisible();
      const row = compliance
        .getByTestId("open-objections")
        .getByRole("row")
        .filter({ hasText: name })
        .filter({ hasText: "Northwind" });
      await expect(row).toContainText("must not leave the EU");
      await expect(row).toContainText("Ana");
      await row.getByRole("button", { name: /^Resolve/ }).click();
      const dialog = compliance.getByRole("dialog");
      await dialog.getByLabel("Accepted after explanation").check();
      await dialog
        .getByLabel("Resolution", { exact: true })
        .fill(
          "Mailgrid processes only e-mail addresses under SCCs module 3; we explained the safeguards to Northwind.",
        );
      await dialog.getByRole("button", { name: "Resolve", exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(
        compliance.getByTestId("resolved-objections").getByRole("row").filter({ hasText: name }),
      ).toContainText("Accepted after explanation");
    });

    await test.step("Ana reads the outcome", async () => {
      await ana.reload();
      const change = ana.getByTestId("upcoming-change").filter({ hasText: name });
      await expect(change).toContainText("Accepted after explanation");
      await expect(change).toContainText("we explained the safeguards to Northwind");
      await expect(change).toContainText("Compliance Officer (frankfurt)");
    });
  } finally {
    await withdrawLeftovers(admin, name);
    await Promise.all([admin, compliance, ana].map((p) => p.context().close()));
  }
});
