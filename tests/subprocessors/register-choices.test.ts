/**
 * What the register's propose form offers: the default catalogue's data classes (never a
 * tenant's own, which the register may not name) and the provider's regions; for provider admins
 * and compliance officers only, like the register itself.
 */
import { describe, expect, it } from "vitest";
import { registerChoices } from "@/modules/subprocessors/server/catalogue";
import { listRegions } from "@/platform/region/registry";
import { EU, useSeededRegion } from "../helpers/seeded-region";

describe("the register's choices", () => {
  const world = useSeededRegion("embedded", "eu-central-1");

  it("offers the catalogue's classes, most sensitive first, and every region, to provider admins and compliance officers", async () => {
    const tenant = await world.prisma.tenant.findFirstOrThrow({ where: { slug: "northwind-eu" } });
    await world.prisma.dataClass.create({
      data: {
        tenantId: tenant.id,
        key: "northwind_manifests",
        name: "Northwind manifests",
        description: "A tenant's own class.",
        sensitivity: "restricted",
      },
    });
    const catalogue = await world.prisma.dataClass.findMany({ where: { tenantId: null }, select: { key: true } });

    for (const email of [EU.providerAdmin, EU.compliance]) {
      const choices = await registerChoices(await world.session(email));
      expect(choices.dataClasses.map((c) => c.key).sort()).toEqual(catalogue.map((c) => c.key).sort());
      expect(choices.dataClasses.map((c) => c.key)).not.toContain("northwind_manifests");
      const order = { restricted: 0, confidential: 1, public: 2 };
      const ranks = choices.dataClasses.map((c) => order[c.sensitivity]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(choices.dataClasses.find((c) => c.key === "customer_pii")?.name).toBe("Customer personal data");
      expect(choices.regions.map((r) => r.id)).toEqual(listRegions().map((r) => r.id));
    }
  });

  it("refuses support engineers and customers", async () => {
    for (const email of [EU.support, EU.northwindAdmin])
      await expect(registerChoices(await world.session(email))).rejects.toMatchObject({ status: 403 });
  });
});
