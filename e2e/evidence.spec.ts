import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { expect, instanceUrl, signInWithApi, test } from "./fixtures";

/**
 * The auditor's whole path on northwind-za (af-south-1), where the seeded auditor has not accepted
 * the NDA: Audrey opens the tenant and lands on the NDA, the API refuses her with nda_required,
 * she accepts, downloads last month's signed attestation and checks it with `terrane verify`
 * against the region's JWKS, and downloads the PDF with her name on it. Ana, the customer admin,
 * sees who read what, invites another auditor and revokes that engagement.
 */

const REGION = "af-south-1" as const;
const TENANT = "northwind-za";
const ANA = { email: "ana.admin@northwind.example" };
const AUDREY = { email: "audrey.auditor@ledgerline.example" };
const base = () => `${instanceUrl(REGION)}/t/${TENANT}`;

async function pageAs(browser: Browser, who: { email: string }): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  await signInWithApi(context.request, REGION, who);
  return context.newPage();
}

test.describe.configure({ mode: "serial" });

test("an auditor accepts the NDA first, then downloads an attestation and verifies it offline", async ({ browser }) => {
  test.setTimeout(180_000);
  const audrey = await pageAs(browser, AUDREY);
  try {
    const refused = await audrey.request.get(`${instanceUrl(REGION)}/api/v1/tenants/${TENANT}/attestations`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()) as { code: string }).toMatchObject({ code: "nda_required" });

    await audrey.goto(`${base()}/attestations`);
    await expect(audrey).toHaveURL(/\/t\/northwind-za\/engagement\?next=/);
    await expect(audrey.getByRole("heading", { level: 1 })).toHaveText(/Your engagement with Northwind/);
    await expect(audrey.getByTestId("nda-text")).toContainText("Confidentiality undertaking");
    const accept = audrey.getByRole("button", { name: "Accept the NDA" });
    await expect(accept).toBeDisabled();
    await audrey.getByTestId("nda-agree").check();
    await accept.click();
    await expect(audrey).toHaveURL(/\/t\/northwind-za\/attestations$/);

    // The monthly attestation the instance issued at start.
    const table = audrey.getByTestId("attestations-table");
    await expect(async () => {
      await audrey.reload();
      await expect(table.getByRole("link", { name: /^Signed statement/ }).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const [statement] = await Promise.all([
      audrey.waitForEvent("download"),
      table
        .getByRole("link", { name: /^Signed statement/ })
        .first()
        .click(),
    ]);
    const file = (await statement.path())!;
    const verified = spawnSync(
      process.execPath,
      ["bin/terrane.mjs", "verify", file, "--jwks", `${instanceUrl(REGION)}/.well-known/jwks.json`],
      { encoding: "utf8" },
    );
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ payloadType: "application/vnd.in-toto+json" });

    const [pdf] = await Promise.all([
      audrey.waitForEvent("download"),
      table
        .getByRole("link", { name: /^Readable PDF/ })
        .first()
        .click(),
    ]);
    const text = execFileSync("pdftotext", ["-layout", (await pdf.path())!, "-"], { encoding: "utf8" });
    expect(text).toContain("Audrey Mensah");
    expect(text).toContain(AUDREY.email);
  } finally {
    await audrey.context().close();
  }
});

test("a customer admin sees who read what, invites an auditor and revokes the engagement", async ({ browser }) => {
  test.setTimeout(120_000);
  const ana = await pageAs(browser, ANA);
  try {
    await ana.goto(`${base()}/auditors`);
    await expect(ana.getByRole("heading", { name: "Auditors", level: 1 })).toBeVisible();
    const audreyRow = ana.getByTestId("auditors-table").getByRole("row").filter({ hasText: "Audrey Mensah" });
    await expect(audreyRow).toContainText("Active");
    const activity = ana.getByTestId("evidence-activity");
    await expect(activity).toContainText("Accepted the NDA");
    await expect(activity).toContainText("Downloaded a signed attestation");
    await expect(activity).toContainText("Downloaded an attestation PDF");

    await ana.getByLabel("Work e-mail").fill("e2e.auditor@audit.example");
    await ana.getByLabel("Name (optional)").fill("Esme Auditor");
    await ana.getByLabel("Attestations only").check();
    await ana.getByRole("button", { name: "Invite auditor" }).click();
    await expect(ana.getByTestId("auditor-invited")).toContainText("Invited Esme Auditor");
    const esme = ana.getByTestId("auditors-table").getByRole("row").filter({ hasText: "Esme Auditor" });
    await expect(esme).toContainText("Invited: NDA not accepted yet");
    await expect(esme).toContainText("Attestations only");

    await esme.getByRole("button", { name: /Revoke/ }).click();
    const dialog = ana.getByRole("dialog", { name: "End Esme Auditor's access now?" });
    await expect(dialog).toContainText("can no longer open this tenant");
    await dialog.getByRole("button", { name: "Revoke access" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(esme).toContainText("Revoked");
  } finally {
    await ana.context().close();
  }
});
