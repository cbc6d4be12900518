import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as regions } from "@/app/api/v1/regions/route";
import { createApiToken } from "@/modules/identity/server/api-tokens";
import { loadSessionActor } from "@/modules/identity/server/sign-in";
import { DATABASE_KINDS } from "../helpers/databases";
import { setRegionEnv } from "../helpers/env";
import { createUser } from "../helpers/fixtures";
import { bearer, call, request } from "../helpers/http";
import { useMigratedRegion } from "../helpers/seeded-region";

const VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

// Requests without an Authorization header go through next-auth's getServerSession, which
// needs Next's request context; anonymous calls are covered by the e2e suite. A token works.
describe.each(DATABASE_KINDS)("GET /api/health on %s", (kind) => {
  const region = useMigratedRegion(kind);
  let token: string;

  beforeAll(async () => {
    const staff = await loadSessionActor(
      await createUser(region.prisma, "ops@provider.example", { providerRole: "provider_admin" }),
    );
    token = (await createApiToken(staff!, "me", { name: "monitoring", tenant: null, expires_in_days: 1 })).secret;
  });

  it("reports ok, this instance's region, the release and which database serves it", async () => {
    const res = await call(health, request("/api/health", { headers: bearer(token) }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", region: "eu-central-1", version: VERSION, database: kind });
  });

  it("reports the region the instance is configured for", async () => {
    setRegionEnv("af-south-1");
    const res = await call(health, request("/api/health", { headers: bearer(token) }));
    expect(((await res.json()) as { region: string }).region).toBe("af-south-1");
    expect(res.headers.get("x-terrane-region")).toBe("af-south-1");
  });

  it("GET /api/v1/regions lists the registry and marks this instance's region", async () => {
    const res = await call(regions, request("/api/v1/regions", { headers: bearer(token) }));
    const body = (await res.json()) as { current: string; regions: { id: string; url: string }[] };
    expect(body.current).toBe("eu-central-1");
    expect(body.regions.map((r) => r.id)).toEqual(["eu-central-1", "me-central-1", "af-south-1", "us-east-1"]);
  });
});
