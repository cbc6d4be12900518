import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, instanceUrl, signedInRequest, signInWithApi, test } from "./fixtures";

/**
 * Customer-held keys as people use them, on Kestrel's EU tenant (other specs read Northwind's):
 * the admin disables the key through the dialog, sees the data fail closed and the signed
 * revocation receipt, enables it again; rotates and watches the progress; schedules and
 * cancels a deletion. Viewers and auditors read only; a compliance officer is refused. Every
 * test that changes the key leaves it enabled again, even when it fails.
 */

const REGION = "eu-central-1" as const;
const TENANT = "kestrel-eu";
const ADMIN = { email: "kim.admin@kestrel-health.example" };
const ADMIN_NAME = "Kim Weber";
const VIEWER = { email: "vera.viewer@kestrel-health.example" };
const AUDITOR = { email: "omar.auditor@crestaudit.example" };
const CLI = path.resolve("bin/terrane.mjs");
const base = () => instanceUrl(REGION);
const keysUrl = () => `${base()}/t/${TENANT}/keys`;

interface KeyJson {
  id: string;
  state: string;
  current_version: number;
}

/** Whatever a test did, the key ends enabled (cancel a deletion, then enable), through the API. */
async function restoreKey(): Promise<void> {
  const api = await signedInRequest(REGION, ADMIN);
  try {
    const { keys } = (await (await api.get(`${base()}/api/v1/tenants/${TENANT}/keys`)).json()) as { keys: KeyJson[] };
    for (const key of keys) {
      const post = (action: string) =>
        api.post(`${base()}/api/v1/tenants/${TENANT}/keys/${key.id}/${action}`, { headers: { origin: base() } });
      if (key.state === "pending_deletion") expect((await post("cancel-deletion")).status()).toBe(200);
      if (key.state !== "enabled") expect((await post("enable")).status()).toBe(200);
    }
  } finally {
    await api.dispose();
  }
}

const stateTitle = (page: Page) => page.getByTestId("key-state-title");
const stateReason = (page: Page) => page.getByTestId("key-state-reason");
const UTC_TIME = String.raw`\d{1,2} \w{3,4} \d{4}, \d{2}:\d{2} UTC`;
/** A latency as platform/format.ts formatMillis writes it: "0.4 ms", "850 ms", "3.4 s". */
const LATENCY = String.raw`[\d,]+(\.\d)? m?s`;
const contacts = (page: Page) => page.getByTestId("protected-data");

test.describe("a customer admin", () => {
  test.afterEach(restoreKey);

  test("disables the key through the dialog, data fails closed, the signed receipt downloads; enabling restores it", async ({
    page,
    signIn,
  }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(REGION, ADMIN);
    await page.goto(keysUrl());
    await expect(page.getByRole("heading", { name: "Keys", level: 1 })).toBeVisible();
    await expect(stateTitle(page)).toHaveText("Enabled");
    await expect(contacts(page).getByTestId("contacts")).toContainText("Priya Raman");

    await page.getByRole("button", { name: "Disable key" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("What stops working");
    await expect(dialog).toContainText("support tickets and evidence");
    await expect(dialog).toContainText("Who is affected");
    const submit = dialog.getByRole("button", { name: "Disable key" });
    const confirm = dialog.getByLabel(/Type the tenant's name/);
    await expect(submit).toBeDisabled();
    for (const wrong of ["kestrel", "Kestrel-EU", "kestrel-eu "]) {
      await confirm.fill(wrong);
      await expect(submit, `"${wrong}" must not unlock the button`).toBeDisabled();
    }
    await confirm.fill(TENANT);
    await expect(submit).toBeEnabled();
    await submit.click();

    // The page updates in place; focus lands on the new state, which is announced.
    await expect(dialog).toHaveCount(0);
    await expect(stateTitle(page)).toHaveText("Disabled");
    await expect(page.getByTestId("key-state")).toBeFocused();
    // Why: since when and by whom, by name.
    await expect(stateReason(page)).toHaveAttribute("data-reason", "disabled");
    await expect(stateReason(page)).toHaveText(
      new RegExp(`^Disabled since ${UTC_TIME} by ${ADMIN_NAME}; enable it to use it again\\.$`),
    );
    await expect(page.getByTestId("keys-announcer")).toContainText("Key disabled");
    await expect(contacts(page).getByTestId("protected-unavailable")).toContainText(
      "Encrypted with your key, which is disabled",
    );
    await expect(contacts(page)).not.toContainText("Priya Raman");

    // The receipt: polled until every instance's probe has failed, then signed.
    const receipt = page.getByTestId("receipt");
    await expect(receipt.getByTestId("receipt-headline")).toHaveText(new RegExp(`Revoked everywhere in ${LATENCY}`), {
      timeout: 40_000,
    });
    await expect(receipt.getByTestId("receipt-headline")).toHaveAttribute("data-tense", "current");
    await expect(receipt.getByTestId("receipt-status")).toHaveText("complete");
    await expect(receipt.getByRole("table")).toContainText("UTC");
    const downloading = page.waitForEvent("download");
    await receipt.getByRole("button", { name: "Download signed receipt" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${TENANT}-revocation-[0-9a-f-]{36}\\.json$`));
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const saved = JSON.parse(readFileSync(file, "utf8")) as {
      body: { type: string; complete: boolean; max_ms: number };
      signature: { alg: string };
    };
    expect(saved.body).toMatchObject({ type: "terrane.revocation-receipt/v1", complete: true });
    expect(saved.signature.alg).toBe("Ed25519");
    const logKey = (await (await page.request.get(`${base()}/api/v1/audit/key`)).text()).trim();
    const verified = spawnSync(process.execPath, [CLI, "verify", file, "--key", logKey], { encoding: "utf8" });
    expect(verified.status, `terrane verify: ${verified.stdout}${verified.stderr}`).toBe(0);

    // The timeline lists the disable.
    await expect(page.getByTestId("key-events").locator('tr[data-event="disabled"]').first()).toBeVisible();

    // Enable again: the data is readable again without a reload.
    await page.getByRole("button", { name: "Enable key" }).click();
    await expect(stateTitle(page)).toHaveText("Enabled");
    await expect(page.getByTestId("key-state")).toBeFocused();
    await expect(stateReason(page)).toHaveText(new RegExp(`^Enabled since ${UTC_TIME} by ${ADMIN_NAME}\\.$`));
    await expect(contacts(page).getByTestId("contacts")).toContainText("Priya Raman");
    // The receipt is now a past event, not the key's state.
    await expect(receipt.getByTestId("receipt-headline")).toHaveAttribute("data-tense", "past");
    await expect(receipt.getByTestId("receipt-headline")).toHaveText(
      new RegExp(
        `^Last revocation on ${UTC_TIME}: every instance refused within ${LATENCY} — enabled again since ${UTC_TIME}\\.$`,
      ),
    );
    await expect(receipt).not.toContainText("Revoked everywhere");

    // The decrypts refused meanwhile (the page's own reads, the probes) reach the hourly
    // usage with the next flush (every 30 s), as the portal's own (source "portal"), marked as
    // failures after the disable; the page shows them as this portal's series, apart from the
    // data plane's red "failed after disable".
    const keyId = await page.getByTestId("key-card").getAttribute("data-key");
    await expect
      .poll(
        async () => {
          const timeline = (await (
            await page.request.get(`${base()}/api/v1/tenants/${TENANT}/keys/${keyId}/events`)
          ).json()) as { usage: { after_disable: boolean; source: string }[] };
          return timeline.usage.some((u) => u.after_disable && u.source === "portal");
        },
        { timeout: 45_000, intervals: [2_000] },
      )
      .toBe(true);
    await page.reload();
    await expect(page.getByTestId("usage-portal")).toContainText(
      "while the key was disabled (the portal failing closed",
    );
    await page.getByLabel("Period", { exact: true }).selectOption("24h");
    await page.getByRole("button", { name: "The numbers per hour, as a table" }).click();
    await expect(page.getByTestId("usage-table").locator("tr[data-portal-failed]")).not.toHaveCount(0);
    await expect(
      page
        .getByTestId("service-usage")
        .getByRole("row", { name: /terrane-portal/ })
        .first(),
    ).toContainText("This portal");
  });

  test("rotates now and watches the progress to a new version", async ({ page, signIn }) => {
    test.setTimeout(90_000);
    await signIn(REGION, ADMIN);
    await page.goto(keysUrl());
    const before = Number((await page.getByTestId("current-version").textContent())?.replace(/\D/g, ""));
    expect(before).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Rotate now" }).click();
    const bar = page.getByRole("progressbar", { name: `Rotation to version ${before + 1}` });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute("aria-valuenow", /^\d+$/);
    await expect(page.getByTestId("rotation-status")).toContainText("Rotation completed", { timeout: 60_000 });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    await expect(page.getByTestId("rotation-total")).toHaveText(/^\d{1,3}(,\d{3})*$/);
    await expect(page.getByTestId("current-version")).toHaveText(`Version ${before + 1}`);
    await expect(page.getByTestId("key-versions").locator(`li[data-version="${before + 1}"]`)).toContainText("active");
    await expect(page.getByTestId("keys-announcer")).toContainText(`version ${before + 1}`);
  });

  test("schedules deletion in 7 days, sees the date, and cancels back to disabled", async ({ page, signIn }) => {
    test.setTimeout(90_000);
    await signIn(REGION, ADMIN);
    await page.goto(keysUrl());
    await page.getByRole("button", { name: "Schedule deletion" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("unrecoverable");
    await dialog.getByLabel("Days until the key is destroyed (7 to 30)").fill("3");
    await expect(dialog.getByTestId("deletion-date")).toHaveText("Choose a whole number of days from 7 to 30.");
    await dialog.getByLabel("Days until the key is destroyed (7 to 30)").fill("7");
    // The day of a moment, as every page writes it: "14 December 2026 UTC".
    const due = `${new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(Date.now() + 7 * 86_400_000),
    )} UTC`;
    await expect(dialog.getByTestId("deletion-date")).toHaveText(`Crypto-shred on ${due}.`);
    const submit = dialog.getByRole("button", { name: "Schedule deletion" });
    await expect(submit).toBeDisabled();
    await dialog.getByLabel(/Type the tenant's name/).fill(TENANT);
    await submit.click();
    await expect(stateTitle(page)).toHaveText(`Scheduled for deletion on ${due}`);
    await expect(contacts(page).getByTestId("protected-unavailable")).toContainText("scheduled for deletion");

    await expect(stateReason(page)).toHaveText(
      new RegExp(`^Deletion scheduled on ${UTC_TIME} by ${ADMIN_NAME}; cancel it before the date to keep the key\\.$`),
    );

    await page.getByRole("button", { name: "Cancel deletion" }).click();
    await expect(stateTitle(page)).toHaveText("Disabled");
    // The state card says why: the deletion was cancelled, by whom, and that enabling is next.
    await expect(stateReason(page)).toHaveAttribute("data-reason", "deletion_cancelled");
    await expect(stateReason(page)).toHaveText(
      new RegExp(
        `^Disabled since ${UTC_TIME} — the scheduled deletion was cancelled by ${ADMIN_NAME} on ${UTC_TIME}; a cancelled deletion leaves the key disabled, so enable it to use it again\\.$`,
      ),
    );
    await page.getByRole("button", { name: "Enable key" }).click();
    await expect(stateTitle(page)).toHaveText("Enabled");
    await expect(page.getByTestId("receipt").getByTestId("receipt-headline")).toHaveAttribute("data-tense", "past");
  });

  test("keyboard: the dialog traps focus, Escape closes it and focus returns to its button", async ({
    page,
    signIn,
  }) => {
    await signIn(REGION, ADMIN);
    await page.goto(keysUrl());
    const trigger = page.getByRole("button", { name: "Disable key" });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(
        await dialog.evaluate((d) => d.contains(document.activeElement)),
        `focus inside after ${i + 1} Tab(s)`,
      ).toBe(true);
    }
    await page.keyboard.press("Shift+Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(trigger).toBeFocused();
    await expect(stateTitle(page)).toHaveText("Enabled");
  });
});

test("a viewer and an auditor see the keys read-only, and the API refuses their changes", async ({ browser }) => {
  for (const who of [VIEWER, AUDITOR]) {
    const context = await browser.newContext();
    try {
      const api = context.request;
      await signInWithApi(api, REGION, who);
      const page = await context.newPage();
      const response = await page.goto(keysUrl());
      expect(response?.status(), who.email).toBe(200);
      await expect(stateTitle(page)).toHaveText("Enabled");
      await expect(page.getByTestId("read-only")).toBeVisible();
      // Contact people are the tenant's own people's (contacts.read): auditors see the keys without them.
      await expect(contacts(page), who.email).toHaveCount(who === AUDITOR ? 0 : 1);
      await expect(page.getByTestId("key-controls")).toHaveCount(0);
      for (const name of ["Rotate now", "Disable key", "Schedule deletion", "Save period"]) {
        await expect(page.getByRole("button", { name }), `${who.email}: ${name}`).toHaveCount(0);
      }
      const keyId = await page.getByTestId("key-card").getAttribute("data-key");
      const refused = await api.post(`${base()}/api/v1/tenants/${TENANT}/keys/${keyId}/disable`, {
        data: { confirm: TENANT },
        headers: { origin: base() },
      });
      expect(refused.status(), `${who.email} disabling`).toBe(403);
      await page.reload();
      await expect(stateTitle(page)).toHaveText("Enabled");
    } finally {
      await context.close();
    }
  }
});

test("a compliance officer is refused the keys page; another organisation's admin cannot tell it exists", async ({
  browser,
}) => {
  for (const [who, status] of [
    ["compliance_officer", 403],
    ["customer_admin", 404],
  ] as const) {
    const context = await browser.newContext();
    try {
      await signInWithApi(context.request, REGION, who);
      const page = await context.newPage();
      const response = await page.goto(keysUrl());
      expect(response?.status(), who).toBe(status);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        status === 403 ? "Your role does not allow this" : "Nothing here for you",
      );
      await expect(page.getByTestId("key-state")).toHaveCount(0);
    } finally {
      await context.close();
    }
  }
});

test("the timeline filters by operation and period, and exports the same view as CSV", async ({
  page,
  signIn,
}, testInfo) => {
  await signIn(REGION, VIEWER);
  await page.goto(keysUrl());
  await expect(page.getByTestId("usage-summary")).toContainText("Last 7 days:");
  await expect(page.getByTestId("service-usage")).toContainText("shipments-api");
  await page.getByLabel("Operation", { exact: true }).selectOption("decrypt");
  await page.getByLabel("Period", { exact: true }).selectOption("24h");
  await expect(page.getByTestId("usage-summary")).toContainText("Last 24 hours:");
  await expect(page.getByTestId("usage-summary")).toContainText("(Decrypt)");
  await expect(page.getByTestId("service-usage")).not.toContainText("Generate data key");

  // The chart's numbers as a table, from the keyboard.
  const toggle = page.getByRole("button", { name: "The numbers per hour, as a table" });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByTestId("usage-table").locator("tbody tr")).toHaveCount(24);

  const link = page.getByRole("link", { name: /Export CSV/ });
  await expect(link).toHaveAttribute("href", /operation=decrypt&format=csv/);
  const downloading = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${TENANT}-key-[0-9a-f-]{36}-events\\.csv$`));
  const file = testInfo.outputPath("events.csv");
  await download.saveAs(file);
  const lines = readFileSync(file, "utf8").trim().split("\r\n");
  expect(lines[0]).toBe(
    '"kind","at","type_or_operation","service","count","failures","after_disable","actor_type","actor_id","details","source","actor_name"',
  );
  const usage = lines.slice(1).filter((l) => l.startsWith('"usage"'));
  expect(usage.length).toBeGreaterThan(0);
  expect(usage.every((l) => l.includes('"decrypt"'))).toBe(true);
});
