import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, instanceUrl, signInWithApi, test } from "./fixtures";

/**
 * Attestations as a customer admin uses them on northwind-eu: the monthly one the instance issued
 * at start is listed; Ana issues last month's again through the form, sees it signed with its
 * result and digest, and downloads the signed statement, whose SHA-256 is the digest shown. A
 * viewer sees the list but no form.
 */

const REGION = "eu-central-1" as const;
const TENANT = "northwind-eu";
const ANA = { email: "ana.admin@northwind.example" };
const VICTOR = { email: "victor.viewer@northwind.example" };
const url = () => `${instanceUrl(REGION)}/t/${TENANT}/attestations`;

async function pageAs(browser: Browser, who: { email: string }): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

test("a customer admin issues last month's attestation and downloads it; its digest is the file's SHA-256", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ana = await pageAs(browser, ANA);
  try {
    await ana.goto(url());
    await expect(ana.getByRole("heading", { name: "Attestations", level: 1 })).toBeVisible();
    await ana.getByRole("button", { name: "Last month" }).click();
    await ana.getByRole("button", { name: "Issue attestation" }).click();
    const status = ana.getByTestId("attestation-issued");
    await expect(status).toContainText(/Issued the attestation for \d{4}-\d{2}\./, { timeout: 30_000 });
    const digest = /Digest (sha256:[0-9a-f]{64})/.exec((await status.textContent()) ?? "")?.[1];
    expect(digest).toBeDefined();

    const row = ana
      .getByTestId("attestations-table")
      .getByRole("row")
      .filter({ hasText: digest!.slice(0, 19) });
    await expect(row).toHaveCount(1);
    await expect(row.getByText(/^(Passed|Failed):/)).toBeVisible();
    const [download] = await Promise.all([
      ana.waitForEvent("download"),
      row.getByRole("link", { name: /^Signed statement \(\.intoto\.json\) for / }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${TENANT}-\\d{4}-\\d{2}\\.intoto\\.json$`));
    const bytes = readFileSync((await download.path())!);
    expect(`sha256:${createHash("sha256").update(bytes).digest("hex")}`).toBe(digest);
    expect(JSON.parse(bytes.toString("utf8"))).toMatchObject({ payloadType: "application/vnd.in-toto+json" });
  } finally {
    await ana.context().close();
  }
});

test("a viewer reads the attestations but is offered no form to issue one", async ({ browser }) => {
  const victor = await pageAs(browser, VICTOR);
  try {
    await victor.goto(url());
    await expect(victor.getByRole("heading", { name: "Issued attestations" })).toBeVisible();
    await expect(victor.getByRole("button", { name: "Issue attestation" })).toHaveCount(0);
    await expect(victor.getByTestId("attestations-table").getByRole("row")).not.toHaveCount(0);
  } finally {
    await victor.context().close();
  }
});
