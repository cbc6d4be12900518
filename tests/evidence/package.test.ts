import { createHash, createPublicKey, verify } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseNow } from "@/platform/db/db-time";
import { integratePending } from "@/modules/audit/server/integrator";
import { regionJwks } from "@/modules/audit/server/public-log";
import { leafHash } from "@/modules/audit/domain/hash";
import { parseCheckpoint } from "@/modules/audit/domain/checkpoint";
import { parseNote } from "@/modules/audit/domain/note";
import { verifyConsistency, verifyInclusion } from "@/modules/audit/domain/verify";
import { lastCompleteMonth } from "@/modules/attestations/domain/period";
import { preAuthEncoding } from "@/modules/attestations/domain/pae";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { drawSample } from "@/modules/evidence/domain/sample";
import { evidencePackage, type EvidenceQuery } from "@/modules/evidence/server/package";
import { readEntry, readZip } from "@/cli/zip";
import { DATABASE_KINDS } from "../helpers/databases";
import { refusal } from "../helpers/refusal";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { fillTenantAudit } from "../helpers/tenant-audit-fill";

const SLUG = "northwind-eu";
const ORIGIN = { surface: "api", path: "/api/v1/tenants/northwind-eu/evidence", ip: "198.51.100.4" } as const;
const DAY = 86_400_000;

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return Buffer.concat(chunks);
}

async function unpack(zip: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of readZip(zip)) files.set(entry.name, await readEntry(entry));
  return files;
}

const lines = (b: Buffer | undefined) =>
  (b ?? Buffer.alloc(0))
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "");

describe.each(DATABASE_KINDS)("evidence packages, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  let year: EvidenceQuery;

  beforeAll(async () => {
    await integratePending();
    const admin = await world.session(EU.northwindAdmin);
    const now = await databaseNow(world.prisma);
    const month = lastCompleteMonth(now);
    await issueAttestationOnDemand(
      admin,
      SLUG,
      { from: month.from.toISOString().slice(0, 10), to: month.to.toISOString().slice(0, 10) },
      ORIGIN,
    );
    // More entries than one page of the package's readers holds, spread over the year.
    const tenant = await world.prisma.tenant.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
    await fillTenantAudit(world.prisma, {
      region: "eu-central-1",
      tenantId: tenant.id,
      count: 2500,
      from: new Date(now.getTime() - 300 * DAY),
      to: new Date(now.getTime() - 2 * DAY),
    });
    while ((await integratePending()).integrated > 0);
    // Past the seed's own entries and the attestation just issued: the period holds them all.
    await new Promise((r) => setTimeout(r, 1100));
    const to = await databaseNow(world.prisma);
    year = { from: new Date(to.getTime() - 360 * DAY).toISOString(), to: new Date(to.getTime() - 1000).toISOString() };
  });

  it("holds the tenant's complete audit population with proofs against the signed checkpoint, a signed manifest and a recorded download", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const download = await evidencePackage(admin, SLUG, year, ORIGIN);
    expect(download.fileName).toMatch(/^northwind-eu-evidence-\d{8}T\d{6}-\d{8}T\d{6}\.zip$/);
    const zip = await bytesOf(download.stream);
    const files = await unpack(zip);
    for (const name of [
      "README.txt",
      "manifest.json",
      "manifest.sig.json",
      "verify.sh",
      "keys/jwks.json",
      "controls.csv",
    ])
      expect(files.has(name), name).toBe(true);
    expect([...files.keys()].some((n) => /^attestations\/.+\.intoto\.json$/.test(n))).toBe(true);

    // The manifest is what the region signed, and lists every other file with its digest.
    const manifestBytes = files.get("manifest.json")!;
    const envelope = JSON.parse(files.get("manifest.sig.json")!.toString("utf8")) as {
      payload: string;
      payloadType: string;
      signatures: { keyid: string; sig: string }[];
    };
    expect(Buffer.from(envelope.payload, "base64").equals(manifestBytes)).toBe(true);
    const jwk = (await regionJwks()).keys.find((k) => k.terrane_purpose === "attestation")!;
    expect(envelope.signatures[0]!.keyid).toBe(jwk.kid);
    const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
    const pae = preAuthEncoding(envelope.payloadType, manifestBytes);
    expect(verify(null, pae, key, Buffer.from(envelope.signatures[0]!.sig, "base64"))).toBe(true);
    const manifest = JSON.parse(manifestBytes.toString("utf8")) as {
      files: { path: string; sha256: string; size: number }[];
      populations: { name: string; path: string; rows: number; sha256: string; query: string }[];
      audit_log: { checkpoint_size: number; newest_size: number };
      download_id: string;
    };
    expect(manifest.download_id).toBe(download.downloadId);
    const listed = new Set(manifest.files.map((f) => f.path));
    for (const name of files.keys())
      if (name !== "manifest.json" && name !== "manifest.sig.json") expect(listed.has(name), name).toBe(true);
    for (const f of manifest.files) {
      const body = files.get(f.path)!;
      expect(createHash("sha256").update(body).digest("hex"), f.path).toBe(f.sha256);
      expect(body.byteLength).toBe(f.size);
    }

    // Population: every entry of the tenant in the period, no more, no less.
    const tenant = await world.prisma.tenant.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
    const expected = await world.prisma.auditEntry.count({
      where: { tenantId: tenant.id, at: { gte: new Date(year.from), lt: new Date(year.to) } },
    });
    const entries = lines(files.get("audit/entries.jsonl"));
    const proofs = lines(files.get("audit/proofs.jsonl")).map(
      (l) => JSON.parse(l) as { index: number; hashes: string[] },
    );
    expect(expected).toBeGreaterThan(2500);
    expect(entries).toHaveLength(expected);
    expect(proofs).toHaveLength(expected);
    const audit = manifest.populations.find((p) => p.name === "audit_entries")!;
    expect(audit).toMatchObject({ path: "audit/entries.jsonl", rows: expected });
    expect(audit.query).toContain(tenant.id);
    for (const e of entries) expect((JSON.parse(e) as { tenant: string }).tenant).toBe(tenant.id);

    // Each entry is in the signed tree, and that tree is a prefix of the newest.
    const checkpoint = parseCheckpoint(parseNote(files.get("audit/checkpoint.txt")!.toString("utf8")).text);
    const newest = parseCheckpoint(parseNote(files.get("audit/newest-checkpoint.txt")!.toString("utf8")).text);
    expect(checkpoint.size).toBe(manifest.audit_log.checkpoint_size);
    entries.forEach((line, i) => {
      const proof = proofs[i]!;
      const ok = verifyInclusion(
        leafHash(Buffer.from(line, "utf8")),
        proof.index,
        checkpoint.size,
        proof.hashes.map((h) => Buffer.from(h, "base64")),
        checkpoint.root,
      );
      expect(ok, `entry line ${i + 1}`).toBe(true);
    });
    const consistency = JSON.parse(files.get("audit/consistency.json")!.toString("utf8")) as {
      from: number;
      to: number;
      hashes: string[];
    };
    expect(consistency).toMatchObject({ from: checkpoint.size, to: newest.size });
    expect(
      verifyConsistency(
        checkpoint.size,
        newest.size,
        checkpoint.root,
        newest.root,
        consistency.hashes.map((h) => Buffer.from(h, "base64")),
      ),
    ).toBe(true);

    // People are named; e-mail addresses only of those from outside the customer.
    const people = lines(files.get("people.jsonl")).map(
      (l) => JSON.parse(l) as { name: string; email: string | null; tenant_role: string | null },
    );
    expect(people.find((p) => p.name === "Audrey Mensah")?.email).toBe(EU.northwindAuditor);
    expect(people.filter((p) => p.tenant_role === "customer_admin").every((p) => p.email === null)).toBe(true);
    expect(people.some((p) => p.email === EU.support)).toBe(true);

    // The controls matrix names only files the package has.
    const controls = lines(files.get("controls.csv")).slice(1);
    expect(controls.length).toBeGreaterThan(20);
    for (const row of controls) {
      const evidence = row.split('","')[3]!.split(" ");
      for (const path of evidence)
        expect(path.endsWith("/") ? [...files.keys()].some((n) => n.startsWith(path)) : files.has(path), path).toBe(
          true,
        );
    }

    // The download is recorded once, with the digest of exactly the bytes served.
    const activity = await world.prisma.evidenceActivity.findMany({ where: { downloadId: download.downloadId } });
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({
      kind: "evidence.downloaded",
      sha256: createHash("sha256").update(zip).digest("hex"),
      ip: "198.51.100.4",
    });
    const entry = await world.prisma.auditEntry.findFirstOrThrow({
      where: { action: "evidence.viewed", details: { path: ["download_id"], equals: download.downloadId } },
    });
    expect(entry.details).toMatchObject({ kind: "evidence.downloaded", sha256: activity[0]!.sha256 });
  });

  it("a sample is drawn with its seed, and the same seed draws the same lines", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const seed = "5e".repeat(32);
    const draw = async () => {
      const files = await unpack(
        await bytesOf((await evidencePackage(admin, SLUG, { ...year, sample: 5, seed }, ORIGIN)).stream),
      );
      return JSON.parse(files.get("samples.json")!.toString("utf8")) as {
        seed: string;
        populations: { name: string; rows: number; lines: number[] }[];
      };
    };
    const first = await draw();
    expect(first.seed).toBe(seed);
    const audit = first.populations.find((p) => p.name === "audit_entries")!;
    expect(audit.lines).toHaveLength(5);
    expect(audit.lines).toEqual(drawSample(seed, "audit_entries", audit.rows, 5));
    expect(new Set(audit.lines).size).toBe(5);
    const again = await draw();
    expect(again.populations.find((p) => p.name === "audit_entries")!.lines).toEqual(audit.lines);
  });

  it("a download cancelled half-way records nothing", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const before = await world.prisma.evidenceActivity.count();
    const download = await evidencePackage(admin, SLUG, year, ORIGIN);
    const reader = download.stream.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(await world.prisma.evidenceActivity.count()).toBe(before);
    expect(
      await world.prisma.auditEntry.count({
        where: { action: "evidence.viewed", details: { path: ["download_id"], equals: download.downloadId } },
      }),
    ).toBe(0);
  });

  it("refuses a bad period or sample with a 400 and records nothing", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const before = await world.prisma.evidenceActivity.count();
    const now = await databaseNow(world.prisma);
    const future = new Date(now.getTime() + 2 * DAY).toISOString();
    expect(await refusal(evidencePackage(admin, SLUG, { from: year.from, to: future }, ORIGIN))).toEqual({
      status: 400,
      code: "period_in_future",
    });
    expect(await refusal(evidencePackage(admin, SLUG, { from: "2024-01-01", to: "2025-06-01" }, ORIGIN))).toEqual({
      status: 400,
      code: "period_too_long",
    });
    expect(await refusal(evidencePackage(admin, SLUG, { from: "2025-02-30", to: "2025-03-01" }, ORIGIN))).toEqual({
      status: 400,
      code: "period_malformed",
    });
    expect(await refusal(evidencePackage(admin, SLUG, { ...year, sample: 5000 }, ORIGIN))).toEqual({
      status: 400,
      code: "sample_invalid",
    });
    expect(await refusal(evidencePackage(admin, SLUG, { ...year, seed: "ab".repeat(32) }, ORIGIN))).toEqual({
      status: 400,
      code: "sample_invalid",
    });
    expect(await world.prisma.evidenceActivity.count()).toBe(before);
  });

  it("an auditor downloads only periods the engagement covers; outside them is 403 and recorded", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    const ok = await evidencePackage(audrey, SLUG, year, ORIGIN);
    const files = await unpack(await bytesOf(ok.stream));
    expect(files.get("README.txt")!.toString("utf8")).toContain("Audrey Mensah");
    const old = await databaseNow(world.prisma);
    const y = old.getUTCFullYear() - 3;
    expect(await refusal(evidencePackage(audrey, SLUG, { from: `${y}-01-01`, to: `${y}-02-01` }, ORIGIN))).toEqual({
      status: 403,
      code: "out_of_scope",
    });
    const denied = await world.prisma.auditEntry.findFirst({
      where: { action: "access.denied", actorId: await world.userId(EU.northwindAuditor) },
      orderBy: { seq: "desc" },
    });
    expect(denied?.details).toMatchObject({ attempted_action: "evidence.download" });
  });

  it("other tenants' people and provider staff without the role get nothing", async () => {
    const kestrelAdmin = await world.session(EU.kestrelAdmin);
    expect((await refusal(evidencePackage(kestrelAdmin, SLUG, year, ORIGIN))).status).toBe(404);
    const viewer = await world.session(EU.northwindViewer);
    const viewed = await evidencePackage(viewer, SLUG, year, ORIGIN);
    await viewed.stream.cancel();
  });
});
