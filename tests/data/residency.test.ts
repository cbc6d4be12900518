import { describe, expect, it } from "vitest";
import type { Actor } from "@/platform/auth/actor";
import { ResidencyError, UnauthenticatedError } from "@/platform/errors";
import { getTenantOverview } from "@/modules/tenants/server/overview";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { setRegionEnv } from "../helpers/env";
import { EU, useSeededRegion } from "../helpers/seeded-region";

async function refusal(run: Promise<unknown>): Promise<ResidencyError> {
  const err = await run.then(
    () => {
      throw new Error("expected a residency refusal, got data");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ResidencyError);
  return err as ResidencyError;
}

describe.each(DATABASE_KINDS)("residency on %s (this instance: eu-central-1)", (kind) => {
  const world = useSeededRegion(kind);

  it("refuses a tenant homed in another region with its home instance's URL for the same path", async () => {
    const api = { surface: "api" as const, path: "/api/v1/tenants/northwind-gcc?view=stores" };
    const err = await refusal(getTenantOverview(await world.session(EU.northwindAdmin), "northwind-gcc", api));
    expect(err.status).toBe(421);
    expect(err.code).toBe("wrong_region");
    expect(err.homeRegion).toBe("me-central-1");
    expect(err.homeUrl).toBe("http://localhost:3001/api/v1/tenants/northwind-gcc?view=stores");
    expect(err.extra).toEqual({
      home_region: "me-central-1",
      home_url: "http://localhost:3001/api/v1/tenants/northwind-gcc?view=stores",
    });

    const za = await refusal(
      getTenantOverview(await world.session(EU.northwindAdmin), "northwind-za", {
        surface: "page",
        path: "/t/northwind-za",
      }),
    );
    expect(za.homeUrl).toBe("http://localhost:3002/t/northwind-za");
  });

  it("takes the home URL from the region registry in force", async () => {
    setRegionEnv("eu-central-1", {
      REGIONS_JSON: JSON.stringify(
        [
          ["eu-central-1", "https://eu.terrane.example"],
          ["me-central-1", "https://uae.terrane.example/"],
        ].map(([id, url]) => ({
          id,
          url,
          name: id,
          jurisdiction: "J",
          city: "C",
          country: "XX",
          latitude: 0,
          longitude: 0,
          tiers: ["managed"],
        })),
      ),
    });
    const err = await refusal(
      getTenantOverview(await world.session(EU.northwindViewer), "northwind-gcc", {
        surface: "page",
        path: "/t/northwind-gcc",
      }),
    );
    expect(err.homeUrl).toBe("https://uae.terrane.example/t/northwind-gcc");
  });

  it("records each refused attempt: who, which tenant, from where, on which surface, and audits it", async () => {
    const actor = await world.session(EU.northwindAuditor);
    const before = { attempts: await world.count("cross_region_attempts"), audit: await world.count("audit_entries") };
    const startedAt = Date.now();
    await refusal(getTenantOverview(actor, "northwind-gcc", { surface: "page", path: "/t/northwind-gcc" }));

    expect(await world.count("cross_region_attempts")).toBe(before.attempts + 1);
    expect(await world.count("audit_entries")).toBe(before.audit + 1);
    const tenantId = stableId("tenant", "northwind-gcc");
    const attempt = await world.prisma.crossRegionAttempt.findFirstOrThrow({
      where: { actorId: actor.userId },
      orderBy: { at: "desc" },
    });
    expect(attempt).toMatchObject({
      actorType: "user",
      actorId: actor.userId,
      tenantId,
      fromRegion: "eu-central-1",
      homeRegion: "me-central-1",
      surface: "page",
      path: "/t/northwind-gcc",
    });
    expect(attempt.at.getTime()).toBeGreaterThan(startedAt - 60_000);

    const entry = await world.prisma.auditEntry.findFirstOrThrow({
      where: { actorId: actor.userId, action: "residency.cross_region_refused" },
    });
    expect(entry).toMatchObject({
      region: "eu-central-1",
      actorType: "user",
      tenantId,
      outcome: "denied",
      subject: `tenant:${tenantId}`,
    });
    expect(entry.details).toMatchObject({ from_region: "eu-central-1", home_region: "me-central-1", surface: "page" });
  });

  it("records an API token's attempt as the token's, with the token id in the audit entry", async () => {
    const actor = await world.tokenActor(EU.northwindViewer);
    await refusal(getTenantOverview(actor, "northwind-za", { surface: "api", path: "/api/v1/tenants/northwind-za" }));
    const attempt = await world.prisma.crossRegionAttempt.findFirstOrThrow({
      where: { actorId: actor.userId, tenantId: stableId("tenant", "northwind-za") },
    });
    expect(attempt).toMatchObject({
      actorType: "api_token",
      fromRegion: "eu-central-1",
      homeRegion: "af-south-1",
      surface: "api",
    });
    const entry = await world.prisma.auditEntry.findFirstOrThrow({
      where: { actorId: actor.userId, action: "residency.cross_region_refused" },
      orderBy: { seq: "desc" },
    });
    expect(entry.actorType).toBe("api_token");
    expect(entry.details).toMatchObject({ token_id: actor.tokenId, home_region: "af-south-1" });
  });

  it("refuses anyone, member or not, since membership lives in the home region; the refusal carries no data", async () => {
    const err = await refusal(
      getTenantOverview(await world.session(EU.kestrelViewer), "northwind-gcc", { surface: "api", path: "/x" }),
    );
    expect(Object.keys(err.extra).sort()).toEqual(["home_region", "home_url"]);
    expect(JSON.stringify(err)).not.toMatch(/Northwind Logistics GCC|customs-declarations/);
  });

  it("does not record anonymous requests, which are refused before the directory is read", async () => {
    const before = await world.count("cross_region_attempts");
    const anonymous: Actor = { type: "anonymous" };
    await expect(
      getTenantOverview(anonymous, "northwind-gcc", { surface: "page", path: "/t/northwind-gcc" }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await world.count("cross_region_attempts")).toBe(before);
  });

  it("an instance of another region refuses this region's tenants the same way", async () => {
    setRegionEnv("me-central-1");
    const err = await refusal(
      getTenantOverview(await world.session(EU.northwindAdmin), "northwind-eu", {
        surface: "page",
        path: "/t/northwind-eu",
      }),
    );
    expect(err.homeUrl).toBe("http://localhost:3000/t/northwind-eu");
    const attempt = await world.prisma.crossRegionAttempt.findFirstOrThrow({
      where: { tenantId: stableId("tenant", "northwind-eu") },
    });
    expect(attempt).toMatchObject({ fromRegion: "me-central-1", homeRegion: "eu-central-1" });
  });

  it("home-region tenants are served, and serving them records no attempt", async () => {
    const before = await world.count("cross_region_attempts");
    const overview = await getTenantOverview(await world.session(EU.northwindAdmin), "northwind-eu", {
      surface: "page",
      path: "/t/northwind-eu",
    });
    expect(overview.tenant.home_region).toBe("eu-central-1");
    expect(await world.count("cross_region_attempts")).toBe(before);
  });
});
