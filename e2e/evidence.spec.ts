import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, instanceUrl, signInWithApi, test } from "./fixtures";
import { zipEntries } from "./support/zip-entries";

/**
 * The auditor's whole path on northwind-za (af-south-1), where the seeded auditor has not accepted
 * the NDA: Audrey opens the tenant and lands on the NDA, the API refuses her with nda_required,
 * she accepts, downloads last month's signed attestation and checks it with `terrane verify`
 * against the region's JWKS, and downloads the PDF with her name on it. On the Evidence page she
 * is kept inside her engagement's periods, sees a refusal in the server's words, cancels a download
 * that hangs, then downloads last month's package with a seeded sample: a ZIP whose signed manifest
 * lists every file with its digest, which its verify.sh and `terrane verify` accept. Ana, the
 * customer admin, sees who read what, invites another auditor and revokes that engagement.
 */

const REGION = "af-south-1" as const;
const TENANT = "northwind-za";
const ANA = { email: "ana.admin@northwind.example" };
const AUDREY = { email: "audrey.auditor@ledgerline.example" };
const base = () => `${instanceUrl(REGION)}/t/${TENANT}`;

/** axe's serious and critical findings on the page as it is now (the Evidence page's states after a download). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
}

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

test("the auditor downloads an evidence package from the Evidence page, and it checks out", async ({ browser }) => {
  test.setTimeout(180_000);
  const audrey = await pageAs(browser, AUDREY);
  const api = `${instanceUrl(REGION)}/api/v1/tenants/${TENANT}/evidence`;
  const packageRequest = (url: URL) => url.pathname === `/api/v1/tenants/${TENANT}/evidence`;
  try {
    // The server refuses a period outside her engagement (it starts on 1 January last year).
    const outside = await audrey.request.get(`${api}?from=2020-01-01&to=2020-02-01`);
    expect(outside.status()).toBe(403);
    expect((await outside.json()) as { code: string }).toMatchObject({ code: "out_of_scope" });

    await audrey.goto(`${base()}/evidence`);
    await expect(audrey.getByRole("heading", { level: 1 })).toHaveText("Evidence packages");
    await expect(audrey.getByTestId("evidence-engagement")).toContainText("(end not included)");
    await expect(audrey.getByTestId("evidence-contents")).toContainText("manifest.json");

    // The page says so before asking, and sends nothing.
    let asked = 0;
    await audrey.route(packageRequest, (route) => (asked++, route.continue()));
    await audrey.getByLabel("Custom dates").check();
    await audrey.getByLabel("From (first day covered)").fill("2020-01-01");
    await audrey.getByLabel("Until (not included)").fill("2020-02-01");
    const problem = audrey.getByTestId("evidence-period-problem");
    await expect(problem).toContainText("Your engagement covers");
    await audrey.getByRole("button", { name: "Download package" }).click();
    await expect(problem).toBeFocused();
    expect(asked).toBe(0);
    await audrey.unrouteAll();

    // A refusal reaches her in plain words with the server's own message (here the real answer above).
    await audrey.route(packageRequest, (route) => route.fulfill({ response: outside }));
    await audrey.getByLabel("Calendar month").check();
    await audrey.getByRole("button", { name: "Download package" }).click();
    const error = audrey.getByTestId("evidence-download-error");
    await expect(error).toContainText("Your engagement does not cover this.");
    await expect(error).toContainText("does not cover this period");
    expect(await seriousViolations(audrey), "axe with a refusal shown").toEqual([]);
    await audrey.unrouteAll();

    // While the package streams the page is busy, says so, and Cancel stops it (an answer that never comes).
    await audrey.route(packageRequest, () => undefined);
    await audrey.getByRole("button", { name: "Download package" }).click();
    const progress = audrey.getByTestId("evidence-download-progress");
    await expect(progress).toHaveAttribute("aria-busy", "true");
    await expect(progress).toContainText(/0 B received · \d+ s elapsed/);
    await expect(audrey.getByTestId("evidence-download-announcement")).toContainText("Building and downloading");
    const cancel = audrey.getByRole("button", { name: "Cancel download" });
    await expect(cancel).toBeFocused();
    await cancel.click();
    await expect(audrey.getByTestId("evidence-download-cancelled")).toContainText("Nothing was saved");
    await expect(progress).toHaveCount(0);
    await expect(audrey.getByRole("button", { name: "Download package" })).toBeFocused();
    await audrey.unrouteAll({ behavior: "ignoreErrors" });

    // Last month, for real, with a sample and a seed.
    const seed = "5eed".repeat(16);
    await audrey.getByLabel("Sample size").fill("5");
    await audrey.getByLabel("Seed (optional)").fill(seed);
    const [response, download] = await Promise.all([
      audrey.waitForResponse((r) => r.url().startsWith(`${api}?`)),
      audrey.waitForEvent("download"),
      audrey.getByRole("button", { name: "Download package" }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/zip");
    const downloadId = response.headers()["x-terrane-download-id"];
    expect(downloadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(download.suggestedFilename()).toMatch(/^northwind-za-evidence-.+\.zip$/);
    const saved = audrey.getByTestId("evidence-download-saved");
    await expect(saved).toContainText(download.suggestedFilename());
    await expect(saved).toContainText(downloadId!);
    expect(await seriousViolations(audrey), "axe with the saved package shown").toEqual([]);

    const file = (await download.path())!;
    const zip = readFileSync(file);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    await expect(saved).toContainText(createHash("sha256").update(zip).digest("hex"));
    const entries = zipEntries(zip);
    const manifest = JSON.parse(entries.get("manifest.json")!.toString("utf8")) as {
      download_id: string;
      files: { path: string; sha256: string; size: number }[];
      sample: unknown;
    };
    expect(manifest.download_id).toBe(downloadId);
    const listed = manifest.files.map((f) => f.path);
    expect(listed).toEqual(expect.arrayContaining(["README.txt", "verify.sh", "audit/entries.jsonl", "samples.json"]));
    for (const f of manifest.files)
      expect(createHash("sha256").update(entries.get(f.path)!).digest("hex"), f.path).toBe(f.sha256);
    expect(JSON.parse(entries.get("samples.json")!.toString("utf8"))).toMatchObject({ seed, size: 5 });

    // The package's own verify.sh, unzipped, under a POSIX shell: signatures, digests, row counts.
    const folder = mkdtempSync(path.join(os.tmpdir(), "terrane-evidence-"));
    try {
      for (const [name, bytes] of entries) {
        mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
        writeFileSync(path.join(folder, name), bytes);
      }
      const checked = spawnSync("sh", ["verify.sh"], { cwd: folder, encoding: "utf8" });
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
      expect(checked.stdout).not.toContain("FAILED");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    // And Terrane's command line on the ZIP itself, against the keys the region publishes: the proofs and the sample too.
    const verified = spawnSync(
      process.execPath,
      ["bin/terrane.mjs", "verify", file, "--jwks", `${instanceUrl(REGION)}/.well-known/jwks.json`],
      { encoding: "utf8" },
    );
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
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
    await expect(activity).toContainText("Downloaded an evidence package");

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
