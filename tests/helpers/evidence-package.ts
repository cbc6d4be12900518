/**
 * Real evidence packages for the verifier tests: built by evidencePackage for northwind-eu on a
 * seeded region (last month's attestation, a period of 360 days, a sample of 3),
 * unpacked with the CLI's own ZIP reader, and re-packed with the server's ZIP writer after a test
 * has changed a file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { databaseNow } from "@/platform/db/db-time";
import { integratePending } from "@/modules/audit/server/integrator";
import { lastCompleteMonth } from "@/modules/attestations/domain/period";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { ZipWriter } from "@/modules/evidence/domain/zip";
import { evidencePackage } from "@/modules/evidence/server/package";
import { readEntry, readZip } from "@/cli/zip";
import { EU, type SeededRegion } from "./seeded-region";

export const EVIDENCE_SLUG = "northwind-eu";
const ORIGIN = { surface: "api", path: "/api/v1/tenants/northwind-eu/evidence", ip: "198.51.100.4" } as const;
const DAY = 86_400_000;

/**
 * A package of the 360 days until a moment after the seed, downloaded by northwind-eu's admin,
 * with a sample of 3 lines per population. Last month's attestation is issued after the period
 * ends (it is still inside: its month ended before), so the log has grown since the period's
 * checkpoint and the package carries a real consistency proof to the newest one.
 */
export async function buildEvidencePackage(world: SeededRegion): Promise<Buffer> {
  await integratePending();
  // A second past the seed's entries, so every one of them is inside the period.
  await new Promise((r) => setTimeout(r, 1_100));
  const end = await databaseNow(world.prisma);
  await new Promise((r) => setTimeout(r, 50));
  const admin = await world.session(EU.northwindAdmin);
  const month = lastCompleteMonth(end);
  await issueAttestationOnDemand(
    admin,
    EVIDENCE_SLUG,
    { from: month.from.toISOString().slice(0, 10), to: month.to.toISOString().slice(0, 10) },
    ORIGIN,
  );
  const download = await evidencePackage(
    admin,
    EVIDENCE_SLUG,
    { from: new Date(end.getTime() - 360 * DAY).toISOString(), to: end.toISOString(), sample: 3 },
    ORIGIN,
  );
  return Buffer.from(await new Response(download.stream).arrayBuffer());
}

/** The package's files by name, in archive order. */
export async function unpack(zip: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of readZip(zip)) files.set(entry.name, await readEntry(entry));
  return files;
}

/** Writes the files under `dir` (created); refuses names that would leave it. */
export function writeTree(files: Map<string, Buffer>, dir: string): void {
  for (const [name, bytes] of files) {
    const target = path.resolve(dir, name);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`unsafe name in the package: ${name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
}

/** A ZIP of `files`, written as the server writes packages. */
export async function pack(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new ZipWriter(new Date());
  const out: Buffer[] = [];
  for (const [name, bytes] of files) {
    const gen = zip.file(name, bytes, { executable: name === "verify.sh" });
    for (let step = await gen.next(); !step.done; step = await gen.next()) out.push(step.value);
  }
  out.push(zip.finish());
  return Buffer.concat(out);
}

/**
 * One byte of `bytes` changed, so the file keeps its shape: the first letter or digit at or after
 * the middle becomes another of its kind. An empty file gets one byte instead.
 */
export function changeOneByte(bytes: Buffer): Buffer {
  if (bytes.length === 0) return Buffer.from("x");
  const out = Buffer.from(bytes);
  for (let i = Math.floor(out.length / 2); i < out.length + Math.floor(out.length / 2); i++) {
    const at = i % out.length;
    const c = String.fromCharCode(out[at]!);
    if (/[0-9]/.test(c)) out[at] = c === "7" ? 0x38 : 0x37;
    else if (/[a-z]/.test(c)) out[at] = c === "q" ? 0x72 : 0x71;
    else if (/[A-Z]/.test(c)) out[at] = c === "Q" ? 0x52 : 0x51;
    else continue;
    return out;
  }
  out[0] = out[0]! ^ 0x01;
  return out;
}
