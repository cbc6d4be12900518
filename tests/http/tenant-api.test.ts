import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GET as getTenant } from "@/app/api/v1/tenants/[tenant]/route";
import { GET as getLineage } from "@/app/api/v1/tenants/[tenant]/lineage/route";
import { GET as listTenants } from "@/app/api/v1/tenants/route";
import { GET as regionTenants } from "@/app/api/v1/region/tenants/route";
import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const tenantPath = (slug: string) => `/api/v1/tenants/${slug}`;

describe.each(DATABASE_KINDS)("tenant API on %s", (kind) => {
  const world = useSeededRegion(kind);
  const get = (slug: string, headers: Record<string, string>, query = "") =>
    call(getTenant, request(`${tenantPath(slug)}${query}`, { headers }), { tenant: slug });

  it("200 with the overview as JSON for a member", async () => {
    const res = await get("northwind-eu", bearer(world.token(EU.northwindViewer)));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-terrane-region")).toBe("eu-central-1");
    const body = (await res.json()) as {
      tenant: { slug: string; tier: string; home_region: string };
      regions: { region: string }[];
      totals: { stores: number };
    };
    expect(body.tenant).toMatchObject({ slug: "northwind-eu", tier: "managed", home_region: "eu-central-1" });
    expect(body.regions.map((r) => r.region)).toEqual(["eu-central-1", "us-east-1"]);
    expect(body.totals.stores).toBe(12);
  });

  it("200 for provider staff allowed by policy, with their provider tokens", async () => {
    for (const email of [EU.compliance, EU.providerAdmin]) {
      expect((await get("kestrel-eu", bearer(world.token(email)))).status, email).toBe(200);
    }
  });

  it("accepts the bearer scheme in any case, as RFC 9110 says", async () => {
    expect((await get("northwind-eu", { authorization: `bearer ${world.token(EU.northwindViewer)}` })).status).toBe(
      200,
    );
  });

  it("421 wrong_region with the home instance's URL (same path and query) for a tenant homed elsewhere", async () => {
    const path = "/api/v1/tenants/northwind-gcc/lineage?view=summary";
    const res = await call(getLineage, request(path, { headers: bearer(world.token(EU.northwindAdmin)) }), {
      tenant: "northwind-gcc",
    });
    const problem = await expectProblem(res, 421, "wrong_region");
    expect(problem).toMatchObject({
      title: "Misdirected request",
      home_region: "me-central-1",
      home_url: `http://localhost:3001${path}`,
    });
    const attempt = await world.prisma.crossRegionAttempt.findFirstOrThrow({
      where: { tenantId: stableId("tenant", "northwind-gcc") },
    });
    expect(attempt).toMatchObject({ surface: "api", path, actorType: "api_token" });
  });

  it("400 invalid_query for a query parameter the endpoint does not take, before anything is read", async () => {
    const problem = await expectProblem(
      await get("northwind-gcc", bearer(world.token(EU.northwindAdmin)), "?view=stores"),
      400,
      "invalid_query",
    );
    expect(problem.detail).toMatch(/takes no query parameters/);
  });

  it("404 for an unknown tenant and for a tenant the caller is no member of, with the same body", async () => {
    const token = bearer(world.token(EU.kestrelViewer));
    const unknown = await expectProblem(await get("no-such-tenant", token), 404, "tenant_not_found");
    const notMember = await expectProblem(await get("northwind-eu", token), 404, "tenant_not_found");
    expect(notMember).toEqual(unknown);
  });

  it("403 for a support engineer without a grant", async () => {
    await expectProblem(await get("northwind-eu", bearer(world.token(EU.support))), 403, "forbidden");
  });

  it("403 for a token of another tenant whose holder is a member of both", async () => {
    await world.prisma.membership.create({
      data: {
        userId: await world.userId(EU.kestrelAdmin),
        tenantId: stableId("tenant", "northwind-eu"),
        role: "customer_viewer",
      },
    });
    const problem = await expectProblem(
      await get("northwind-eu", bearer(world.token(EU.kestrelAdmin))),
      403,
      "forbidden",
    );
    expect(problem.detail).toMatch(/scoped to another tenant/);
  });

  it("401 invalid_token for unknown, junk, expired and revoked tokens, and for malformed Authorization headers", async () => {
    const expectInvalid = async (headers: Record<string, string>, what: string) => {
      const res = await get("northwind-eu", headers);
      expect(res.headers.get("www-authenticate"), what).toBe('Bearer realm="terrane", error="invalid_token"');
      await expectProblem(res, 401, "invalid_token");
    };
    await expectInvalid(bearer(generateTokenSecret().secret), "unknown token");
    await expectInvalid(bearer("not-a-token"), "junk token");
    for (const header of [
      "Bearer",
      "Bearer ",
      "Basic dXNlcjpwYXNz",
      `Token ${world.token(EU.northwindViewer)}`,
      `Bearer a b`,
      "",
    ]) {
      await expectInvalid({ authorization: header }, `header ${JSON.stringify(header)}`);
    }

    const victor = await world.userId(EU.northwindViewer);
    const expired = generateTokenSecret();
    await world.prisma.apiToken.create({
      data: {
        userId: victor,
        tenantId: stableId("tenant", "northwind-eu"),
        name: "old",
        prefix: expired.prefix,
        tokenHash: expired.hash,
        expiresAt: new Date(Date.now() - 1000),
      },
    });
    await expectInvalid(bearer(expired.secret), "expired token");

    const revoked = generateTokenSecret();
    await world.prisma.apiToken.create({
      data: {
        userId: victor,
        tenantId: stableId("tenant", "northwind-eu"),
        name: "gone",
        prefix: revoked.prefix,
        tokenHash: revoked.hash,
        expiresAt: new Date(Date.now() + 86_400_000),
        revokedAt: new Date(),
      },
    });
    await expectInvalid(bearer(revoked.secret), "revoked token");
  });

  it("never answers a malformed tenant slug with a 5xx, nor with data", async () => {
    const token = bearer(world.token(EU.northwindAdmin));
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 0, maxLength: 300 }), async (slug) => {
        const res = await call(getTenant, request("/api/v1/tenants/x", { headers: token }), { tenant: slug });
        if (slug === "northwind-eu") return;
        expect([400, 404, 421]).toContain(res.status);
        await expectProblem(
          res,
          res.status,
          res.status === 400 ? "invalid_path" : res.status === 404 ? "tenant_not_found" : "wrong_region",
        );
      }),
      { numRuns: 40 },
    );
  });

  it("GET /api/v1/tenants lists only what the token's holder may switch to", async () => {
    const res = await call(listTenants, request("/api/v1/tenants", { headers: bearer(world.token(EU.kestrelViewer)) }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tenants: { slug: string }[] }).tenants.map((t) => t.slug)).toEqual(["kestrel-eu"]);
  });

  it("GET /api/v1/region/tenants: provider tokens yes, customer tokens 403", async () => {
    const ok = await call(
      regionTenants,
      request("/api/v1/region/tenants", { headers: bearer(world.token(EU.providerAdmin)) }),
    );
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { tenants: { slug: string }[] }).tenants.map((t) => t.slug)).toEqual([
      "kestrel-eu",
      "northwind-eu",
    ]);
    const refused = await call(
      regionTenants,
      request("/api/v1/region/tenants", { headers: bearer(world.token(EU.northwindAdmin)) }),
    );
    await expectProblem(refused, 403, "forbidden");
  });
});
