import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The text of each page of a PDF, as Debian's pdftotext lays it out. */
export function pdfPages(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-pdf-"));
  try {
    const file = path.join(dir, "a.pdf");
    writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    // pdftotext ends every page with a form feed, so the last piece is empty.
    return text.split("\f").slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
