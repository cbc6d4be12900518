import { describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/platform/errors";
import { withTenant } from "@/platform/access/with-tenant";
import { listRegionTenants, listSwitcherTenants } from "@/modules/tenants/server/directory";
import { getTenantOverview } from "@/modules/tenants/server/overview";
import type { UserActor } from "@/platform/auth/actor";
import type { TenantAction } from "@/platform/policy/engine";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const API = (slug: string) => ({ surface: "api" as const, path: `/api/v1/tenants/${slug}` });
const DAY = 86_400_000;

async function failure(run: Promise<unknown>): Promise<Error> {
  return run.then(
    () => {
      throw new Error("expected a refusal, got data");
    },
    (e: unknown) => e as Error,
  );
}

const shapeOf = (e: Error & { status?: number; code?: string }) => ({
  name: e.name,
  status: e.status,
  code: e.code,
  message: e.message,
});

describe.each(DATABASE_KINDS)("who may reach a tenant, on %s", (kind) => {
  const world = useSeededRegion(kind);
  const read = (actor: UserActor, slug: string) => getTenantOverview(actor, slug, API(slug));
  const can = (actor: UserActor, slug: string, action: TenantAction) =>
    withTenant(actor, slug, action, API(slug), async (scope) => scope);

  it("members read their tenant with the role of their membership", async () => {
    for (const [email, role] of [
      [EU.northwindAdmin, "customer_admin"],
      [EU.northwindViewer, "customer_viewer"],
      [EU.northwindAuditor, "auditor"],
    ] as const) {
      const scope = await can(await world.session(email), "northwind-eu", "tenant.read");
      expect(scope.role, email).toBe(role);
      expect(scope.tenant).toMatchObject({
        id: stableId("tenant", "northwind-eu"),
        slug: "northwind-eu",
        homeRegion: "eu-central-1",
      });
    }
  });

  it("an unknown tenant is not found", async () => {
    const err = await failure(read(await world.session(EU.northwindAdmin), "no-such-tenant"));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(shapeOf(err)).toMatchObject({ status: 404, code: "tenant_not_found" });
  });

  it("a malformed slug is answered like an unknown tenant", async () => {
    for (const slug of ["Northwind-EU", "../etc", "", "-x", "a".repeat(64), "northwind-eu;drop"]) {
      const err = await failure(read(await world.session(EU.northwindAdmin), slug));
      expect(err, slug).toBeInstanceOf(NotFoundError);
    }
  });

  it("a tenant the caller is no member of is indistinguishable from an unknown one", async () => {
    const outsider = await world.session(EU.kestrelViewer);
    const notMember = await failure(read(outsider, "northwind-eu"));
    const unknown = await failure(read(outsider, "no-such-tenant"));
    expect(notMember).toBeInstanceOf(NotFoundError);
    expect(shapeOf(notMember)).toEqual(shapeOf(unknown));
  });

  it("cross-tenant regression: each organisation's people see only their own tenant", async () => {
    for (const email of [EU.kestrelAdmin, EU.kestrelViewer, EU.kestrelAuditor]) {
      expect(await failure(read(await world.session(email), "northwind-eu")), email).toBeInstanceOf(NotFoundError);
      expect((await read(await world.session(email), "kestrel-eu")).tenant.slug).toBe("kestrel-eu");
    }
    for (const email of [EU.northwindAdmin, EU.northwindViewer, EU.northwindAuditor]) {
      expect(await failure(read(await world.session(email), "kestrel-eu")), email).toBeInstanceOf(NotFoundError);
    }
    // Tokens too.
    expect(await failure(read(await world.tokenActor(EU.kestrelAdmin), "northwind-eu"))).toBeInstanceOf(NotFoundError);
  });

  it("a support engineer without a grant is forbidden, not served", async () => {
    const err = await failure(read(await world.session(EU.support), "northwind-eu"));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(shapeOf(err)).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("compliance officers and provider admins read every tenant of the region", async () => {
    for (const email of [EU.compliance, EU.providerAdmin]) {
      for (const slug of ["northwind-eu", "kestrel-eu"]) {
        expect((await read(await world.session(email), slug)).tenant.slug, `${email} ${slug}`).toBe(slug);
      }
    }
    // With their provider tokens as well.
    expect((await read(await world.tokenActor(EU.compliance), "kestrel-eu")).tenant.slug).toBe("kestrel-eu");
  });

  it("each role reaches exactly what its policy allows on the tenant", async () => {
    await expect(can(await world.session(EU.northwindAdmin), "northwind-eu", "keys.manage")).resolves.toBeTruthy();
    await expect(can(await world.session(EU.northwindViewer), "northwind-eu", "keys.manage")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(can(await world.session(EU.northwindAuditor), "northwind-eu", "lineage.read")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      can(await world.session(EU.northwindAuditor), "northwind-eu", "evidence.download"),
    ).resolves.toBeTruthy();
    await expect(can(await world.session(EU.compliance), "northwind-eu", "evidence.download")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(can(await world.session(EU.providerAdmin), "northwind-eu", "keys.read")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("an auditor whose time-limited membership expired is treated as a stranger", async () => {
    const auditor = await world.prisma.user.create({
      data: { email: "late.auditor@example.test", name: "Late Auditor" },
    });
    const membership = await world.prisma.membership.create({
      data: {
        userId: auditor.id,
        tenantId: stableId("tenant", "kestrel-eu"),
        role: "auditor",
        expiresAt: new Date(Date.now() + DAY),
        evidenceAccess: "evidence",
        ndaSha256: "0".repeat(64),
      },
    });
    const actor = await world.session("late.auditor@example.test");
    expect((await read(actor, "kestrel-eu")).tenant.slug).toBe("kestrel-eu");

    await world.prisma.membership.update({
      where: { id: membership.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const err = await failure(read(actor, "kestrel-eu"));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(shapeOf(err)).toEqual(shapeOf(await failure(read(actor, "no-such-tenant"))));
  });

  it("a token scoped to one tenant is refused on another, even when its holder is a member of both", async () => {
    const ana = await world.userId(EU.northwindAdmin);
    await world.prisma.membership.create({
      data: { userId: ana, tenantId: stableId("tenant", "kestrel-eu"), role: "customer_viewer" },
    });

    expect((await read(await world.session(EU.northwindAdmin), "kestrel-eu")).tenant.slug).toBe("kestrel-eu");
    const token = await world.tokenActor(EU.northwindAdmin);
    expect(token.tokenTenantId).toBe(stableId("tenant", "northwind-eu"));
    expect((await read(token, "northwind-eu")).tenant.slug).toBe("northwind-eu");

    const err = await failure(read(token, "kestrel-eu"));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.message).toMatch(/scoped to another tenant/);
  });

  it("the switcher lists the caller's tenants here and their organisation's tenants elsewhere, with home URLs", async () => {
    const tenants = await listSwitcherTenants(await world.session(EU.northwindViewer));
    expect(tenants).toEqual([
      {
        slug: "northwind-eu",
        organisation: "Northwind Logistics",
        home_region: "eu-central-1",
        url: "/t/northwind-eu",
        local: true,
        role: "customer_viewer",
      },
      {
        slug: "northwind-gcc",
        organisation: "Northwind Logistics",
        home_region: "me-central-1",
        url: "http://localhost:3001/t/northwind-gcc",
        local: false,
        role: null,
      },
      {
        slug: "northwind-za",
        organisation: "Northwind Logistics",
        home_region: "af-south-1",
        url: "http://localhost:3002/t/northwind-za",
        local: false,
        role: null,
      },
    ]);
  });

  it("the switcher never lists another organisation's tenants, nor any for provider staff without memberships", async () => {
    expect((await listSwitcherTenants(await world.session(EU.kestrelAdmin))).map((t) => t.slug)).toEqual([
      "kestrel-eu",
    ]);
    expect(await listSwitcherTenants(await world.session(EU.support))).toEqual([]);
    expect(await listSwitcherTenants({ type: "anonymous" })).toEqual([]);
  });

  it("the region's tenant list is for provider staff only, and only with a session or a provider token", async () => {
    for (const email of [EU.compliance, EU.support, EU.providerAdmin]) {
      expect(
        (await listRegionTenants(await world.session(email))).map((t) => t.slug),
        email,
      ).toEqual(["kestrel-eu", "northwind-eu"]);
    }
    expect((await listRegionTenants(await world.tokenActor(EU.providerAdmin))).map((t) => t.slug)).toEqual([
      "kestrel-eu",
      "northwind-eu",
    ]);
    for (const email of [EU.northwindAdmin, EU.kestrelViewer, EU.kestrelAuditor]) {
      await expect(listRegionTenants(await world.session(email)), email).rejects.toBeInstanceOf(ForbiddenError);
    }
    const staff = await world.session(EU.providerAdmin);
    const tenantScopedStaffToken: UserActor = {
      ...staff,
      via: "token",
      tokenId: "t",
      tokenTenantId: stableId("tenant", "kestrel-eu"),
    };
    await expect(listRegionTenants(tenantScopedStaffToken)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
