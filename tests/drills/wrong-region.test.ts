import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import defaultRegions from "@/config/regions.json";
import { resetEnvCache } from "@/platform/env";
import { GET as jwks } from "@/app/api/v1/audit/jwks/route";
import { startDrill } from "@/modules/drills/server/start";
import { runDrillJob } from "@/modules/drills/server/run";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import { spawnChild, type Child } from "../helpers/keys-child";
import { ORIGIN, useKeyWorld } from "../helpers/keys-world";
import { expectReportVerifies } from "./drill-world";

const SLUG = "northwind-eu";

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * A real second region: me-central-1 runs in another process with its own database and answers
 * over HTTP; this process is eu-central-1 (northwind-eu's home) and serves its JWKS over HTTP so
 * the peer can check the probe's signature. af-south-1 runs no instance in this test (marked so in
 * the registry both sides read), so "every other region" is me-central-1 here.
 */
describe.each(DATABASE_KINDS)("wrong-region drill against a real me-central-1 instance (home on %s)", (kind) => {
  const world = useKeyWorld(kind);
  let child: Child;
  let home: http.Server;
  let dataDir: string;
  const saved = process.env.REGIONS_JSON;
  let registry = "";
  // The seeded world puts the default registry back before each test; this one is the test's.
  beforeEach(() => {
    process.env.REGIONS_JSON = registry;
    resetEnvCache();
  });

  beforeAll(async () => {
    home = http.createServer((req, res) => {
      void (async () => {
        const response =
          req.url === "/api/v1/audit/jwks"
            ? await jwks(new Request("http://127.0.0.1/api/v1/audit/jwks"), { params: Promise.resolve({}) })
            : new Response("not found", { status: 404 });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })();
    });
    await new Promise<void>((r) => home.listen(0, "127.0.0.1", r));
    const homePort = (home.address() as AddressInfo).port;
    const peerPort = await freePort();
    const regions = defaultRegions.map((r) =>
      r.id === "eu-central-1"
        ? { ...r, url: `http://127.0.0.1:${homePort}` }
        : r.id === "me-central-1"
          ? { ...r, url: `http://127.0.0.1:${peerPort}` }
          : { ...r, instance: false },
    );
    registry = JSON.stringify(regions);
    process.env.REGIONS_JSON = registry;
    resetEnvCache();
    dataDir = mkdtempSync(path.join(tmpdir(), "terrane-peer-"));
    child = spawnChild("tests/drills/region-child.ts", {
      REGION: "me-central-1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      REGIONS_JSON: registry,
      CHILD_PORT: String(peerPort),
    });
    await child.next("ready", 90_000);
  }, 120_000);

  afterAll(async () => {
    if (child && child.process.exitCode === null) {
      child.send({ cmd: "exit" });
      await child.exited;
    }
    await new Promise((r) => home?.close(r));
    if (saved === undefined) delete process.env.REGIONS_JSON;
    else process.env.REGIONS_JSON = saved;
    resetEnvCache();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("me-central-1 refuses the tenant with 421, records it, and the record is read back from there", async () => {
    const { id } = await startDrill(await world.session(EU.northwindAdmin), SLUG, { kind: "wrong_region" }, ORIGIN);
    await runDrillJob(id);
    const drill = await world.prisma.drill.findUniqueOrThrow({ where: { id } });
    expect(drill.failure, child.stderr()).toBeNull();
    expect(drill.state).toBe("completed");
    const figures = (drill.result as { passed: boolean; figures: { regions: Record<string, unknown>[] } }).figures;
    expect(figures.regions).toHaveLength(1);
    expect(figures.regions[0]).toMatchObject({
      region: "me-central-1",
      status: 421,
      refused: true,
      recorded: true,
      attempt_id: expect.any(String),
      audit_entry_id: expect.any(String),
    });
    await expectReportVerifies(world.prisma, id);
  }, 60_000);

  it("the peer refuses a probe whose signature is not the home region's (nothing recorded)", async () => {
    const peer = JSON.parse(registry).find((r: { id: string }) => r.id === "me-central-1").url;
    const payload = Buffer.from(
      JSON.stringify({
        type: "terrane.residency-probe/v1",
        probe_id: "11111111-1111-4111-8111-111111111111",
        drill_id: "22222222-2222-4222-8222-222222222222",
        tenant: SLUG,
        from_region: "eu-central-1",
        to_region: "me-central-1",
        issued_at: new Date().toISOString(),
      }),
    ).toString("base64");
    const forged = {
      envelope: {
        payload,
        payloadType: "application/vnd.terrane.residency-probe+json",
        signatures: [{ keyid: "nobody", sig: Buffer.alloc(64).toString("base64") }],
      },
    };
    const answer = await fetch(`${peer}/api/v1/residency-probes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(forged),
    });
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { code: string }).code).toBe("probe_unverified");
    const back = await fetch(`${peer}/api/v1/residency-probes/11111111-1111-4111-8111-111111111111`);
    expect(back.status).toBe(404);
  });
});
