import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { allowedMethods, API_ROUTE_METHODS, apiRouteFor } from "@/platform/http/api-methods";
import { resetEnvCache } from "@/platform/env";
import { proxy } from "@/proxy";
import { expectProblem } from "../helpers/http";
import { inventory } from "../helpers/routes";
import { setRegionEnv } from "../helpers/env";

describe("the API method table proxy.ts answers 405 from", () => {
  it("is exactly the methods app/'s route files export (the catch-all aside)", () => {
    const found = new Map<string, string[]>();
    for (const h of inventory().handlers) {
      if (h.path === "/api/[...unknown]") continue;
      found.set(h.path, [...(found.get(h.path) ?? []), h.method].sort());
    }
    const table = new Map(API_ROUTE_METHODS.map(([p, m]) => [p, [...m].sort()]));
    expect(Object.fromEntries(table)).toEqual(Object.fromEntries(found));
  });

  it("picks the route Next would serve: static segments before dynamic ones", () => {
    expect(apiRouteFor("/api/v1/tenants/northwind-eu/decisions/matrix")?.pattern).toBe(
      "/api/v1/tenants/[tenant]/decisions/matrix",
    );
    expect(apiRouteFor("/api/v1/tenants/northwind-eu/decisions/abc")?.pattern).toBe(
      "/api/v1/tenants/[tenant]/decisions/[decision]",
    );
    expect(apiRouteFor("/api/v1/tenants")?.pattern).toBe("/api/v1/tenants");
    expect(apiRouteFor("/api/v1/tenants/")?.pattern).toBe("/api/v1/tenants");
    expect(apiRouteFor("/api/auth/callback/credentials")?.pattern).toBe("/api/auth/[...nextauth]");
    expect(apiRouteFor("/api/v1/nope")).toBeNull();
    expect(apiRouteFor("/api/v1/tenants/a/b/c/d/e/f")).toBeNull();
    expect(allowedMethods(["GET", "POST"]).sort()).toEqual(["GET", "HEAD", "OPTIONS", "POST"]);
  });
});

describe("proxy.ts: what no route should see", () => {
  setRegionEnv("eu-central-1");
  const send = (url: string, method = "GET") => proxy(new NextRequest(`http://localhost${url}`, { method }));

  it("405 method_not_allowed as a problem, with Allow, for a method the route does not export", async () => {
    const res = send("/api/v1/audit/checkpoint", "POST");
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    await expectProblem(res, 405, "method_not_allowed");
    await expectProblem(send("/api/v1/tenants/northwind-eu/keys/k", "DELETE"), 405, "method_not_allowed");
    expect(send("/api/v1/tenants/northwind-eu/keys/k", "PATCH").headers.get("x-middleware-next")).toBe("1");
    expect(send("/api/v1/regions", "HEAD").headers.get("x-middleware-next")).toBe("1");
    expect(send("/api/v1/regions", "OPTIONS").headers.get("x-middleware-next")).toBe("1");
    // No route: the catch-all answers 404 for every method.
    expect(send("/api/v1/nope", "PUT").headers.get("x-middleware-next")).toBe("1");
  });

  it("400 invalid_path for a path that is not UTF-8 once decoded, or holds a NUL; 400 invalid_query for a NUL in the query", async () => {
    for (const path of [
      "/api/v1/tenants/%C3%28",
      "/api/%FF",
      "/api/v1/tenants/%E0%A4%A",
      "/t/%C3%28",
      "/api/v1/tenants/%00/keys",
    ]) {
      await expectProblem(send(path), 400, "invalid_path");
    }
    await expectProblem(send("/t/northwind-eu/audit?actor=%00"), 400, "invalid_query");
  });

  it("sets the security headers on API answers, and HSTS only when served over https", () => {
    const plain = send("/api/v1/regions");
    expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    process.env.NEXTAUTH_URL = "https://eu.terrane.example";
    resetEnvCache();
    try {
      for (const res of [
        send("/api/v1/regions"),
        send("/t/northwind-eu"),
        send("/api/v1/audit/checkpoint", "DELETE"),
      ]) {
        expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
      }
    } finally {
      delete process.env.NEXTAUTH_URL;
      resetEnvCache();
    }
  });
});
