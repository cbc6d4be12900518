import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { findRegion } from "@/platform/region/registry";
import { renderAttestationPdf, type AttestationPdfInput } from "@/modules/attestations/server/pdf";
import { pdfPages } from "../helpers/pdf-text";
import { residencyPredicateFixture } from "./predicate-fixture";

const ENVELOPE_SHA256 = "3f0a9c1e5b7d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a0c2e4b6d8f0a";
const WATERMARK = {
  name: "Ada Auditor",
  email: "ada@auditfirm.example",
  at: new Date("2026-12-03T09:15:42.000Z"),
  downloadId: "dl_01JC4XQ7M2",
};

const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function input(over: Partial<AttestationPdfInput> = {}): AttestationPdfInput {
  return {
    predicate: residencyPredicateFixture(),
    envelopeSha256: ENVELOPE_SHA256,
    subjectSha256: "9".repeat(64),
    kid: "att-eu-central-1-2026",
    periodName: "2026-11",
    issuedAt: new Date("2026-12-01T00:30:03.000Z"),
    state: "issued",
    ...over,
  };
}

describe("the readable PDF of a residency attestation", () => {
  it("says whose attestation it is, its verdict and digest, and how to verify the envelope", async () => {
    const pages = pdfPages(await renderAttestationPdf(input()));
    const text = pages.join("\n");
    expect(text).toContain("Residency attestation — Northwind Traders EU, 2026-11");
    expect(text).toContain("FAILED");
    expect(text).toContain("border_violation");
    expect(text).toContain(ENVELOPE_SHA256);
    expect(text).toContain("att-eu-central-1-2026");
    const jwks = `${findRegion("eu-central-1")!.url}/.well-known/jwks.json`;
    expect(text).toContain(`npx terrane verify northwind-eu-2026-11.intoto.json --jwks ${jwks}`);
    // -layout widens the two spaces sha256sum's check format wants; the PDF draws exactly two.
    expect(text.replace(/ {2,}/g, "  ")).toContain(
      `echo "${ENVELOPE_SHA256}  northwind-eu-2026-11.intoto.json" | sha256sum -c`,
    );
    expect(text).toContain("2026-11-01T00:00:00 UTC");
    expect(text).toContain("orders-db");
    expect(text).toContain("mailer-inc");
    expect(text).toContain("terrane.example/eu-central-1");
    expect(text).toContain("q1Yk2pJXo0E8b9yZbQ3c6m2vA9o3+e1pR8oJt7Zl1uE=");
    // Every time printed names its zone; the policy's URI is an identifier, quoted as it is.
    const policyUri = residencyPredicateFixture().verification.policy.uri;
    expect(text).toContain(policyUri);
    expect(text.replace(policyUri, "")).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(text).not.toContain("Downloaded by");
  });

  it("renders the same bytes for the same input when not watermarked, with its metadata", async () => {
    const a = await renderAttestationPdf(input());
    const b = await renderAttestationPdf(input());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = await PDFDocument.load(a, { updateMetadata: false });
    expect(doc.getTitle()).toBe("Residency attestation — Northwind Traders EU, 2026-11");
    expect(doc.getCreator()).toBe("Terrane");
    expect(doc.getProducer()).toMatch(/^Terrane /);
    expect(doc.getSubject()).toContain("Northwind Traders EU");
    expect(doc.getCreationDate()?.toISOString()).toBe("2026-12-01T00:30:03.000Z");
  });

  it("carries the downloader's watermark on every page of a long attestation", async () => {
    const predicate = residencyPredicateFixture({ stores: 200, flows: 120 });
    const bytes = await renderAttestationPdf(input({ predicate, watermark: WATERMARK }));
    const pages = pdfPages(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(pages.length);
    pages.forEach((page) => {
      expect(page).toContain("Downloaded by Ada Auditor");
      expect(page).toContain(WATERMARK.email);
      expect(page).toContain("2026-12-03T09:15:42 UTC");
      expect(page).toContain(WATERMARK.downloadId);
    });
    // Long tables run onto later pages without losing rows.
    const text = pages.join("\n");
    expect(text).toContain("analytics-shard-199");
    expect(text).toContain("dec_bulk_119");
    expect(text).toContain(ENVELOPE_SHA256);
  });

  it("draws a tenant name outside WinAnsi instead of failing the download", async () => {
    const name = "→ Ωmega “quoted” 日本 Łódź\u0007";
    const predicate = residencyPredicateFixture({ tenantName: name });
    const bytes = await renderAttestationPdf(input({ predicate, watermark: { ...WATERMARK, name } }));
    const text = pdfPages(bytes).join("\n");
    expect(text).toContain("-> ?mega “quoted” ?? Lódz");
  });
});

describe("the PDF's layout", () => {
  it("keeps long unbroken text inside the margins", async () => {
    const predicate = residencyPredicateFixture({ tenantName: `Northwind ${"x".repeat(600)}`, stores: 5 });
    predicate.tenant.organisation.name = "O".repeat(4000);
    const bytes = await renderAttestationPdf(input({ predicate }));
    const file = path.join(dir, "bbox.pdf");
    writeFileSync(file, bytes);
    const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)];
    expect(words.length).toBeGreaterThan(100);
    for (const [, xMin, yMin, xMax, yMax] of words) {
      // A4 with 42 pt margins; a point of slack for glyph bounds.
      expect(Number(xMin)).toBeGreaterThanOrEqual(41);
      expect(Number(xMax)).toBeLessThanOrEqual(595.28 - 41);
      expect(Number(yMin)).toBeGreaterThanOrEqual(0);
      expect(Number(yMax)).toBeLessThanOrEqual(841.89);
    }
  });
});

describe("the PDF's key custody", () => {
  /** The predicate with its keys held by `provider`, for a tenant of `tier`. */
  function custody(tier: string, provider: string): AttestationPdfInput {
    const predicate = residencyPredicateFixture();
    return input({
      predicate: {
        ...predicate,
        tenant: { ...predicate.tenant, tier },
        key_custody: { keys: predicate.key_custody.keys.map((k) => ({ ...k, provider })) },
      },
    });
  }
  /** The Key custody section's text, on one line. */
  async function section(i: AttestationPdfInput): Promise<string> {
    const text = pdfPages(await renderAttestationPdf(i))
      .join("\n")
      .replace(/\s+/g, " ");
    return text.slice(text.indexOf("Key custody"), text.indexOf("Disables and their revocation receipts"));
  }
  /** A table cell's words in order: a cell that wraps is printed line by line among its row's other cells. */
  const cell = (words: string) =>
    new RegExp(
      words
        .split(" ")
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".{0,80}?"),
    );

  it("names who holds each key in the keys page's words, and a sovereign tenant's key outside a national HSM", async () => {
    const national = await section(custody("sovereign", "pkcs11"));
    expect(national).toContain("Held in");
    expect(national).toMatch(cell("National HSM (PKCS#11)"));
    expect(national).not.toContain("promises");

    const fallback = await section(custody("sovereign", "local"));
    expect(fallback).toMatch(cell("Software KMS (region-local; not an HSM)"));
    expect(fallback).toContain(
      "primary: The sovereign tier promises a national HSM, but this key is held in the region's software KMS (not an HSM).",
    );

    const managed = await section(custody("managed", "pkcs11"));
    expect(managed).toMatch(cell("Hardware security module (PKCS#11)"));
    expect(managed).not.toContain("National");
    expect(managed).not.toContain("promises");
  });
});
