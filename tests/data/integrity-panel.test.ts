/**
 * The integrity panels' data: who may see them (audit.read on the tenant page,
 * region.integrity.read on the region page), and that they show what the tables record —
 * every expected witness, a broken verification, open alerts, witnessed peers.
 */
import { describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/platform/errors";
import { logVerifierKey } from "@/modules/audit/server/public-log";
import { regionIntegrity, tenantIntegrityPanel } from "@/modules/audit/server/integrity-panel";
import { tenantGate } from "@/platform/access/with-tenant";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const PAGE = { surface: "page" as const, path: "/t/northwind-eu/audit" };

async function refusal(run: Promise<unknown>): Promise<Error> {
  return run.then(
    () => {
      throw new Error("expected a refusal, got data");
    },
    (e: unknown) => e as Error,
  );
}

describe.each(DATABASE_KINDS)("integrity panels, on %s", (kind) => {
  const world = useSeededRegion(kind);

  it("the tenant panel is for those who read the tenant's audit entries", async () => {
    for (const email of [EU.northwindAdmin, EU.northwindViewer, EU.northwindAuditor, EU.compliance]) {
      const actor = await world.session(email);
      await expect(tenantGate(actor, "northwind-eu", "audit.read", PAGE), email).resolves.toBeUndefined();
      const panel = await tenantIntegrityPanel(actor, "northwind-eu", PAGE);
      expect(panel, email).toMatchObject({
        region: "eu-central-1",
        origin: "terrane/eu-central-1",
        verifierKey: await logVerifierKey(),
      });
      expect("alerts" in panel, "no peer alerts on a tenant page").toBe(false);
    }
    for (const email of [EU.providerAdmin, EU.support]) {
      const actor = await world.session(email);
      expect(await refusal(tenantGate(actor, "northwind-eu", "audit.read", PAGE)), email).toBeInstanceOf(
        ForbiddenError,
      );
      expect(await refusal(tenantIntegrityPanel(actor, "northwind-eu", PAGE)), email).toBeInstanceOf(ForbiddenError);
    }
    expect(
      await refusal(tenantIntegrityPanel(await world.session(EU.kestrelViewer), "northwind-eu", PAGE)),
    ).toBeInstanceOf(NotFoundError);
  });

  it("the region page is for compliance officers and provider admins", async () => {
    for (const email of [EU.compliance, EU.providerAdmin]) {
      await expect(regionIntegrity(await world.session(email)), email).resolves.toMatchObject({
        region: "eu-central-1",
      });
    }
    for (const email of [EU.support, EU.northwindAdmin, EU.northwindAuditor]) {
      expect(await refusal(regionIntegrity(await world.session(email))), email).toBeInstanceOf(ForbiddenError);
    }
  });

  it("shows every expected witness, a broken verification, open alerts and witnessed peers", async () => {
    const actor = await world.session(EU.compliance);
    const before = await regionIntegrity(actor);
    expect(before.witnesses.map((w) => w.region).sort()).toEqual(["af-south-1", "me-central-1"]);
    expect(before.witnesses.every((w) => w.size === null && w.cosignedAt === null)).toBe(true);
    expect(before.peers.map((p) => p.region).sort()).toEqual(["af-south-1", "me-central-1"]);

    const at = new Date();
    const earlier = new Date(at.getTime() - 60_000);
    // Each witness shows its newest cosignature, whatever order they were stored in.
    await world.prisma.auditCosignature.createMany({
      data: [
        {
          witness: "terrane-witness/me-central-1",
          size: 3n,
          line: "— terrane-witness/me-central-1 AAAA",
          cosignedAt: at,
        },
        {
          witness: "terrane-witness/me-central-1",
          size: 2n,
          line: "— terrane-witness/me-central-1 BBBB",
          cosignedAt: earlier,
        },
        {
          witness: "terrane-witness/af-south-1",
          size: 1n,
          line: "— terrane-witness/af-south-1 CCCC",
          cosignedAt: earlier,
        },
        {
          witness: "terrane-witness/af-south-1",
          size: 2n,
          line: "— terrane-witness/af-south-1 DDDD",
          cosignedAt: earlier,
        },
      ],
    });
    await world.prisma.integrityEvent.create({
      data: {
        kind: "self_verification",
        ok: false,
        subject: "terrane/eu-central-1",
        treeSize: 9n,
        brokenAt: 4n,
        detail: { reason: "entry 4 differs" },
        at,
      },
    });
    await world.prisma.witnessedLog.create({
      data: {
        region: "af-south-1",
        origin: "terrane/af-south-1",
        verifierKey: "k",
        size: 12n,
        root: Buffer.alloc(32),
        checkpoint: "c",
        cosignature: "s",
        checkedAt: at,
      },
    });

    const after = await regionIntegrity(actor);
    expect(after.witnesses.find((w) => w.region === "me-central-1")).toMatchObject({
      regionName: "Middle East (UAE)",
      size: 3,
      cosignedAt: at,
    });
    expect(after.witnesses.find((w) => w.region === "af-south-1")).toMatchObject({ size: 2, cosignedAt: earlier });
    expect(after.lastVerification).toMatchObject({ ok: false, brokenAt: 4, treeSize: 9, reason: "entry 4 differs" });
    expect(after.alerts[0]).toMatchObject({ kind: "self_verification", brokenAt: 4, reason: "entry 4 differs" });
    expect(after.peers.find((p) => p.region === "af-south-1")).toMatchObject({ size: 12, checkedAt: at });
    const tenant = await tenantIntegrityPanel(await world.session(EU.northwindViewer), "northwind-eu", PAGE);
    expect(tenant.lastVerification).toMatchObject({ ok: false, brokenAt: 4 });
  });
});
