import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDrill } from "@/modules/drills/server/start";
import { runDrillJob } from "@/modules/drills/server/run";
import { startKeyServices } from "@/modules/keys/server/services";
import { EU } from "../helpers/seeded-region";
import { buildEvidencePackage, changeOneByte, unpack, writeTree } from "../helpers/evidence-package";
import { ORIGIN, useKeyWorld } from "../helpers/keys-world";
import { expectReportVerifies } from "./drill-world";

const openssl = spawnSync("openssl", ["version"], { encoding: "utf8" });
const hasEd25519 = openssl.status === 0 && /OpenSSL [3-9]\./.test(openssl.stdout);
const shell = fs.existsSync("/usr/bin/dash") ? "/usr/bin/dash" : "/bin/sh";

describe.skipIf(!hasEd25519)("evidence packages carry the period's drill reports (embedded)", () => {
  const world = useKeyWorld("embedded");
  let files: Map<string, Buffer>;
  let root: string;
  let drillId: string;
  let stopServices: () => Promise<void>;

  beforeAll(async () => {
    stopServices = await startKeyServices(world.database);
    const { id } = await startDrill(
      await world.session(EU.northwindAdmin),
      "northwind-eu",
      { kind: "kms_outage" },
      ORIGIN,
    );
    await runDrillJob(id);
    drillId = id;
    files = await unpack(await buildEvidencePackage(world));
    root = fs.mkdtempSync(path.join(os.tmpdir(), "terrane-drill-evidence-"));
  }, 120_000);
  afterAll(async () => {
    await stopServices?.();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const verifySh = (f: Map<string, Buffer>, name: string) => {
    const dir = path.join(root, name);
    writeTree(f, dir);
    const r = spawnSync(shell, [path.join(dir, "verify.sh")], { cwd: os.tmpdir(), encoding: "utf8", timeout: 60_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it("holds the drill's signed report, byte for byte as stored, and verify.sh checks its signature with openssl", async () => {
    await expectReportVerifies(world.prisma, drillId);
    const names = [...files.keys()].filter((n) => /^drills\/.+-kms_outage-.+\.intoto\.json$/.test(n));
    expect(names).toHaveLength(1);
    const stored = await world.prisma.drill.findUniqueOrThrow({ where: { id: drillId } });
    expect(JSON.parse(files.get(names[0]!)!.toString("utf8"))).toEqual(stored.report);
    const r = verifySh(files, "as-downloaded");
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("OK: 1 drill reports signed by keys/attestation.pem");
    // One byte changed in the report: verify.sh names it.
    const tampered = new Map(files);
    tampered.set(names[0]!, changeOneByte(files.get(names[0]!)!));
    const bad = verifySh(tampered, "tampered");
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toContain(`FAILED: ${names[0]}`);
  });
});
