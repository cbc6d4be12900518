import { beforeAll, describe, expect, it } from "vitest";
import { flaggedTenants, tenantImpact } from "@/modules/subprocessors/server/impact";
import { tenantSubprocessorsView } from "@/modules/subprocessors/api-schemas/tenant";
import type { SubprocessorEntry } from "@/modules/subprocessors/domain/model";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { seedActive, seedAnnounced, seedDecision, seedFlowTo, tenantId } from "./impact-world";
import { callObjections } from "./tenant-routes";

const NORTHWIND = { id: tenantId("northwind-eu"), homeRegion: "eu-central-1" };
const KESTREL = { id: tenantId("kestrel-eu"), homeRegion: "eu-central-1" };

describe.each(DATABASE_KINDS)("which of a tenant's data classes a subprocessor touches, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { decisions: true });
  let people: { author: string; reviewer: string; acceptor: string };
  let mailgrid: { changeId: string; after: SubprocessorEntry };

  beforeAll(async () => {
    people = {
      author: await world.userId(EU.compliance),
      reviewer: await world.userId(EU.compliance2),
      acceptor: await world.userId(EU.northwindAdmin),
    };
    // Northwind's pipeline copies customer records into datasets Mailgrid holds (the name as
    // ingest wrote it, in other case and spacing); Kestrel's flows stay in its region.
    await seedFlowTo(world.prisma, "northwind-eu", "  mailgrid ", ["customer_pii"]);
    await seedFlowTo(world.prisma, "kestrel-eu", null, ["health_data"]);
    // The register says Mailgrid processes support content, which neither tenant holds.
    mailgrid = await seedAnnounced(world.prisma, {
      after: { name: "Mailgrid", data_classes: ["support_content"], locations: ["DE", "US"] },
      authorId: await world.userId(EU.providerAdmin),
    });
  });

  it("a tenant whose lineage flows reach the subprocessor's datasets is flagged, another is not", async () => {
    expect(await flaggedTenants(mailgrid.after)).toEqual([
      { tenantId: NORTHWIND.id, slug: "northwind-eu", name: "Northwind Logistics EU", dataClasses: ["customer_pii"] },
    ]);

    const northwind = (await tenantImpact(NORTHWIND)).changes.find((c) => c.change.id === mailgrid.changeId)!;
    expect(northwind.impact).toMatchObject({ touches: true, flagged: true, lineage: { flows: 1, datasets: 1 } });
    expect(northwind.impact.data_classes).toHaveLength(1);
    const pii = northwind.impact.data_classes[0]!;
    expect(pii).toMatchObject({
      key: "customer_pii",
      name: "Customer personal data",
      sources: ["lineage"],
      allowed: false,
      missing: ["Mailgrid (subprocessor, US)"],
    });
    // Germany is the home region's own country: no transfer, no decision needed; the US needs one.
    expect(pii.checks.map((c) => [c.location, c.outcome, c.allowed])).toEqual([
      ["DE", "not_a_transfer", true],
      ["US", "violation", false],
    ]);
    expect(pii.checks[1]!.reason).toMatch(/No decision in force allows customer_pii/);

    const kestrel = (await tenantImpact(KESTREL)).changes.find((c) => c.change.id === mailgrid.changeId)!;
    expect(kestrel.impact).toEqual({
      touches: false,
      flagged: false,
      data_classes: [],
      lineage: { flows: 0, datasets: 0 },
    });
  });

  it("a decision allowing the flow unflags the tenant and is named; one for another country does not", async () => {
    const decisionId = await seedDecision(
      world.prisma,
      "northwind-eu",
      "customer_pii",
      { kind: "subprocessor", id: "Mailgrid", location: "US" },
      people,
    );
    expect(await flaggedTenants(mailgrid.after)).toEqual([]);
    const impact = (await tenantImpact(NORTHWIND)).changes.find((c) => c.change.id === mailgrid.changeId)!.impact;
    expect(impact.flagged).toBe(false);
    const pii = impact.data_classes[0]!;
    expect(pii).toMatchObject({ key: "customer_pii", sources: ["lineage", "decision"], allowed: true, missing: [] });
    expect(pii.checks[1]).toMatchObject({ location: "US", outcome: "allowed", decision: { id: decisionId } });
    expect(pii.checks[1]!.decision!.label).toBe("customer_pii → Mailgrid (subprocessor, US)");

    // The same change processing in India too: the US decision says nothing about India.
    const wider = { ...mailgrid.after, locations: ["US", "IN"] };
    expect(await flaggedTenants(wider)).toEqual([
      expect.objectContaining({ slug: "northwind-eu", dataClasses: ["customer_pii"] }),
    ]);
  });

  it("the register's own classes count for the tenants that hold them; a retirement flags nobody", async () => {
    const ledgerpay = await seedActive(world.prisma, {
      name: "Ledgerpay",
      data_classes: ["payment_data"],
      locations: ["IE"],
    });
    const northwind = (await tenantImpact(NORTHWIND)).subprocessors.find((s) => s.id === ledgerpay.id)!;
    expect(northwind.impact.flagged).toBe(true);
    expect(northwind.impact.data_classes.map((c) => [c.key, c.sources])).toEqual([["payment_data", ["register"]]]);
    const kestrel = (await tenantImpact(KESTREL)).subprocessors.find((s) => s.id === ledgerpay.id)!;
    expect(kestrel.impact.touches).toBe(false);

    expect((await flaggedTenants(ledgerpay)).map((t) => t.slug)).toEqual(["northwind-eu"]);
    expect(await flaggedTenants({ ...ledgerpay, status: "retired" })).toEqual([]);
  });

  it("GET …/subprocessors answers the contract; only customer admins are offered to object; other organisations get 404", async () => {
    const asAdmin = await callObjections("tenant view", { token: world.token(EU.northwindAdmin) });
    expect(asAdmin.status, await asAdmin.clone().text()).toBe(200);
    const view = tenantSubprocessorsView.parse(await asAdmin.json());
    expect(view.allowed_actions).toEqual(["object"]);
    const change = view.changes.find((c) => c.change_id === mailgrid.changeId)!;
    expect(change).toMatchObject({ kind: "add", name: "Mailgrid", allowed_actions: ["object"], objection: null });
    expect(change.diff.map((d) => d.field)).toContain("data_classes");
    expect(change.impact.data_classes[0]!.checks[1]!.location_name).toBe("United States");
    expect(view.subprocessors.map((s) => s.name)).toContain("Ledgerpay");

    const asViewer = tenantSubprocessorsView.parse(
      await (await callObjections("tenant view", { token: world.token(EU.northwindViewer) })).json(),
    );
    expect(asViewer.allowed_actions).toEqual([]);
    expect(asViewer.changes.every((c) => c.allowed_actions.length === 0)).toBe(true);

    await expectProblem(
      await callObjections("tenant view", { token: world.token(EU.kestrelViewer) }),
      404,
      "tenant_not_found",
    );
  });
});
