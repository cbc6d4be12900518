import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, formAlert, instanceUrl, signInWithApi, test } from "./fixtures";

/**
 * An auditor asks for more and the tenant decides, in the browser, on a phone in dark mode. On
 * northwind-gcc (me-central-1), where Audrey has accepted the NDA and no other spec reads her
 * engagement: from her engagement page she asks, with the keyboard, for periods starting a year
 * earlier and sees her request waiting; Ana, a customer admin there, finds it on the Auditors page
 * and approves it through a confirmation that names what Audrey will read until when, and Audrey's
 * page shows the wider periods. A second request, for a later end, is refused by the server while
 * it asks for nothing more, then denied with a note that Audrey reads. After sending, focus is on
 * the waiting state; after deciding, on what was decided (the buttons pressed are gone). axe finds
 * nothing serious or critical on the form (also with its error, and with the request waiting), on
 * the Auditors page with a request waiting, in the approval dialog, and after the decision.
 *
 * Each run starts on fresh databases; a retry starts from the scope the engagement has then (and
 * first denies a request a failed attempt left waiting), so the steps hold either way.
 */

const REGION = "me-central-1" as const;
const TENANT = "northwind-gcc";
const TENANT_NAME = "Northwind Logistics GCC";
const ANA = { email: "ana.admin@northwind.example" };
const AUDREY = { email: "audrey.auditor@ledgerline.example" };
const base = () => instanceUrl(REGION);
const page = (path: string) => `${base()}/t/${TENANT}/${path}`;
const api = (path: string) => `${base()}/api/v1/tenants/${TENANT}/${path}`;

test.describe.configure({ mode: "serial" });

const DAY = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
/** "1 January 2024 UTC", as the pages write a calendar day. */
const dayWords = (isoDay: string) => `${DAY.format(new Date(`${isoDay}T00:00:00Z`))} UTC`;

/** The same day of another year: "2025-01-01" moved by -1 is "2024-01-01". */
const shiftYear = (isoDay: string, years: number) => `${Number(isoDay.slice(0, 4)) + years}${isoDay.slice(4)}`;

/** A date typed into a date input as a keyboard user would (en-US: month, day, year). */
async function typeDate(field: Locator, isoDay: string) {
  const [y, m, d] = isoDay.split("-");
  await field.focus();
  await field.page().keyboard.type(`${m}${d}${y}`);
  await expect(field).toHaveValue(isoDay);
}

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

/** A phone in dark mode (as e2e/accessibility.spec.ts checks pages), signed in as `who`. */
async function pageAs(browser: Browser, who: { email: string }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    colorScheme: "dark",
    locale: "en-US",
  });
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

/** A request a failed attempt left waiting is denied first (one waits at a time), through the API. */
async function noRequestWaiting(ana: Page) {
  const list = await ana.request.get(api("auditors"));
  expect(list.status()).toBe(200);
  const { auditors } = (await list.json()) as {
    auditors: { id: string; email: string; scope_request: { id: string; state: string } | null }[];
  };
  const audrey = auditors.find((a) => a.email === AUDREY.email);
  if (audrey?.scope_request?.state !== "pending") return;
  const denied = await ana.request.post(api(`auditors/${audrey.id}/scope-requests/${audrey.scope_request.id}`), {
    data: { decision: "deny", note: "Cleared by the e2e spec before a retry." },
    headers: { origin: base() },
  });
  expect(denied.status()).toBe(200);
}

/** The engagement page's "What you may read" periods. */
const periods = (audrey: Page) =>
  audrey
    .getByRole("region", { name: "What you may read" })
    .getByRole("definition")
    .filter({ hasText: "(end not included)" });

/** Ana's Auditors page with Audrey's request waiting; the card of it. */
async function waitingRequest(ana: Page): Promise<Locator> {
  await ana.goto(page("auditors"));
  await expect(ana.getByRole("heading", { name: "Auditors", level: 1 })).toBeVisible();
  const section = ana.getByTestId("scope-requests");
  await expect(section.getByRole("heading", { level: 2 })).toHaveText("Requests for more access (1)");
  const card = section.getByTestId("scope-request").filter({ hasText: "Audrey Mensah asked for more access" });
  await expect(card).toContainText("Waiting for a decision");
  // The engagement's row links to it.
  const row = ana.getByTestId("auditors-table").getByRole("row").filter({ hasText: "Audrey Mensah" });
  await expect(row.getByRole("link", { name: "Asks for more access" })).toBeVisible();
  return card;
}

test("an auditor asks for earlier periods with the keyboard, and a customer admin approves them", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const audrey = await pageAs(browser, AUDREY);
  const ana = await pageAs(browser, ANA);
  try {
    await noRequestWaiting(ana);

    await audrey.goto(page("engagement"));
    await expect(audrey.getByRole("heading", { level: 1 })).toHaveText(`Your engagement with ${TENANT_NAME}`);
    const form = audrey.getByTestId("scope-request-form");
    await expect(form).toBeVisible();
    // The form starts at the engagement's scope; she asks for a year more at the start.
    const fromField = form.getByLabel("Periods from");
    const toField = form.getByLabel("Periods until (not included)");
    const currentFrom = await fromField.inputValue();
    const currentTo = await toField.inputValue();
    expect(currentFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(periods(audrey)).toContainText(`${dayWords(currentFrom)} to ${dayWords(currentTo)}`);
    await expect(form).toContainText("An approval adds to what you may read, not to how long");
    await expect(form.getByLabel(/^Full evidence/)).toBeChecked();

    expect(await sideways(audrey), "the engagement page at 390 px").toBeNull();
    expect(await seriousViolations(audrey), "axe on the engagement page with the form").toEqual([]);

    // Keyboard: the date, the reason, Tab to the button, Enter. Too short a reason first.
    const asked = shiftYear(currentFrom, -1);
    await typeDate(fromField, asked);
    const reason = form.getByLabel("Why you need it");
    await reason.focus();
    await audrey.keyboard.type("FY audit");
    const submit = form.getByRole("button", { name: "Request more access" });
    await audrey.keyboard.press("Tab");
    await expect(submit).toBeFocused();
    await audrey.keyboard.press("Enter");
    await expect(formAlert(audrey)).toHaveText("Say why you need more access: at least 10 characters.");
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    await expect(reason).toHaveAccessibleDescription(/at least 10 characters/);
    // Only the reason is at fault.
    await expect(fromField).not.toHaveAttribute("aria-invalid", "true");
    expect(await seriousViolations(audrey), "axe with the form's error shown").toEqual([]);

    const why = `The ${asked.slice(0, 4)} year-end audit covers the prior period's residency too.`;
    await reason.focus();
    await audrey.keyboard.press("ControlOrMeta+A");
    await audrey.keyboard.type(why);
    await expect(reason).toHaveAccessibleDescription(new RegExp(`${why.length} of 10–2,000 characters`));
    await audrey.keyboard.press("Tab");
    await expect(submit).toBeFocused();
    await audrey.keyboard.press("Enter");

    // Sent, said so, and focus on the waiting state (the button is gone): her request as asked, no form.
    await expect(audrey.getByTestId("scope-request-sent")).toHaveText(
      "Your request was sent. You will be told of the decision.",
    );
    await expect(audrey.getByTestId("scope-request-waiting")).toBeFocused();
    const mine = audrey.getByTestId("scope-request");
    await expect(mine).toContainText("You asked for more access on");
    await expect(mine).toContainText("Waiting for a decision");
    await expect(mine).toContainText(`Full evidence, periods ${dayWords(asked)} to ${dayWords(currentTo)}`);
    await expect(mine).toContainText(why);
    await expect(audrey.getByTestId("scope-request-waiting")).toContainText(`${TENANT_NAME}'s admins have been told`);
    await expect(form).toHaveCount(0);
    expect(await seriousViolations(audrey), "axe with her request waiting").toEqual([]);
    await expect(periods(audrey)).toContainText(`${dayWords(currentFrom)} to ${dayWords(currentTo)}`);

    // Ana finds it on the Auditors page.
    const card = await waitingRequest(ana);
    await expect(card).toContainText(why);
    await expect(card).toContainText(`Full evidence, periods ${dayWords(asked)} to ${dayWords(currentTo)}`);
    await expect(card).toContainText("approving does not change that");
    expect(await sideways(ana), "the Auditors page at 390 px with a request waiting").toBeNull();
    expect(await seriousViolations(ana), "axe on the Auditors page with a request waiting").toEqual([]);

    // Approving says what Audrey will read, and until when (the same end as now).
    const approve = card.getByRole("button", { name: "Approve Audrey Mensah's request" });
    await approve.focus();
    await ana.keyboard.press("Enter");
    const dialog = ana.getByRole("dialog", { name: "Give Audrey Mensah more access?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("scope-approve-consequence")).toHaveText(
      new RegExp(`^Audrey Mensah will be able to read evidence for ${asked} to ${currentTo} until .+ UTC\\.$`),
    );
    await expect(dialog).toContainText("Their access still ends when it did");
    expect(await seriousViolations(ana), "axe with the approval dialog open").toEqual([]);
    await expect(dialog.getByLabel("Note to the auditor (optional)")).toBeFocused();
    await ana.keyboard.type("Approved for the year-end audit.");
    await ana.keyboard.press("Tab");
    await ana.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Approve", exact: true })).toBeFocused();
    await ana.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expect(ana.getByTestId("scope-requests")).toHaveCount(0);
    // The request is gone with its buttons: what was decided is said, and has focus.
    const decided = ana.getByTestId("scope-decided");
    await expect(decided).toHaveText(
      new RegExp(
        `^Approved: Audrey Mensah will be able to read evidence for ${asked} to ${currentTo} until .+ UTC\\.$`,
      ),
    );
    await expect(decided).toBeFocused();
    expect(await seriousViolations(ana), "axe after the decision").toEqual([]);
    const row = ana.getByTestId("auditors-table").getByRole("row").filter({ hasText: "Audrey Mensah" });
    await expect(row).toContainText(`${dayWords(asked)} to ${dayWords(currentTo)}`);

    // Audrey's page: the wider periods, the decision, and the form to ask again.
    await audrey.reload();
    await expect(periods(audrey)).toContainText(`${dayWords(asked)} to ${dayWords(currentTo)}`);
    await expect(mine).toContainText("Approved");
    await expect(mine).toContainText("by Ana Ortega");
    await expect(mine).toContainText("Approved for the year-end audit.");
    await expect(form).toBeVisible();
    await expect(fromField).toHaveValue(asked);
  } finally {
    await audrey.context().close();
    await ana.context().close();
  }
});

test("a second request, for a later end, is denied with a note the auditor reads", async ({ browser }) => {
  test.setTimeout(120_000);
  const audrey = await pageAs(browser, AUDREY);
  const ana = await pageAs(browser, ANA);
  try {
    await noRequestWaiting(ana);

    await audrey.goto(page("engagement"));
    const form = audrey.getByTestId("scope-request-form");
    const fromField = form.getByLabel("Periods from");
    const toField = form.getByLabel("Periods until (not included)");
    const currentFrom = await fromField.inputValue();
    const currentTo = await toField.inputValue();
    const why = "The contract's final period runs into next year; we need to read it as it closes.";
    await form.getByLabel("Why you need it").fill(why);
    const submit = form.getByRole("button", { name: "Request more access" });
    // Asking for what she has is refused by the server, in its words, and nothing is recorded.
    await submit.click();
    await expect(formAlert(audrey)).toContainText("already has");
    await expect(toField).toHaveAttribute("aria-invalid", "true");
    await expect(audrey.getByTestId("scope-request").filter({ hasText: "Waiting for a decision" })).toHaveCount(0);

    const asked = shiftYear(currentTo, 1);
    await typeDate(toField, asked);
    await submit.click();
    await expect(formAlert(audrey)).toHaveCount(0);
    const mine = audrey.getByTestId("scope-request");
    await expect(mine).toContainText("Waiting for a decision");
    await expect(mine).toContainText(`Full evidence, periods ${dayWords(currentFrom)} to ${dayWords(asked)}`);

    const card = await waitingRequest(ana);
    await expect(card).toContainText(why);
    await card.getByRole("button", { name: "Deny Audrey Mensah's request" }).click();
    const dialog = ana.getByRole("dialog", { name: "Deny Audrey Mensah's request?" });
    await expect(dialog).toContainText("Audrey Mensah keeps the access they have now and is told of your decision");
    const deny = dialog.getByRole("button", { name: "Deny", exact: true });
    // A denial needs its reason.
    await expect(deny).toBeDisabled();
    const note = "Next year's periods are a new engagement: we will invite you again in January.";
    await dialog.getByLabel("Why (the auditor reads this)").fill(note);
    await deny.click();
    await expect(dialog).toHaveCount(0);
    await expect(ana.getByTestId("scope-requests")).toHaveCount(0);
    await expect(ana.getByTestId("scope-decided")).toHaveText(
      "Denied Audrey Mensah's request: they keep the access they had and read your note.",
    );
    await expect(ana.getByTestId("scope-decided")).toBeFocused();
    const row = ana.getByTestId("auditors-table").getByRole("row").filter({ hasText: "Audrey Mensah" });
    await expect(row).toContainText(`${dayWords(currentFrom)} to ${dayWords(currentTo)}`);

    await audrey.reload();
    await expect(mine).toContainText("Denied");
    await expect(mine).toContainText("by Ana Ortega");
    await expect(mine.getByRole("definition").filter({ hasText: note })).toHaveText(note);
    await expect(periods(audrey)).toContainText(`${dayWords(currentFrom)} to ${dayWords(currentTo)}`);
    // She may ask again.
    await expect(form).toBeVisible();
  } finally {
    await audrey.context().close();
    await ana.context().close();
  }
});
