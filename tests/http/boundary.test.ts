/**
 * Findings of an attack on the demo, each a request that was answered with a 500 (or blocked
 * the server, or was accepted although docs/api.md refuses it): now a 400 problem, and
 * nothing stored.
 */
import { describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/v1/tenants/[tenant]/audit/route";
import { GET as keysRoute } from "@/app/api/v1/tenants/[tenant]/keys/route";
import { GET as lineageRoute } from "@/app/api/v1/tenants/[tenant]/lineage/route";
import { GET as eventsRoute } from "@/app/api/v1/tenants/[tenant]/keys/[key]/events/route";
import { GET as listIngestTokens, POST as createIngestToken } from "@/app/api/v1/region/ingest-tokens/route";
import { DELETE as revokeIngestToken } from "@/app/api/v1/region/ingest-tokens/[id]/route";
import { POST as ingestRoute } from "@/app/api/v1/ingest/openlineage/route";
import { GET as regionsRoute } from "@/app/api/v1/regions/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as checkpointRoute } from "@/app/api/v1/audit/checkpoint/route";
import { GET as tenantsRoute } from "@/app/api/v1/tenants/route";
import { GET as overviewRoute } from "@/app/api/v1/tenants/[tenant]/route";
import { GET as listTokensRoute } from "@/app/api/v1/users/[user]/tokens/route";
import { GET as catchAll } from "@/app/api/[...unknown]/route";
import { seedIngestToken } from "@/prisma/seed/seed-keys";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { runEvent, tenantFacet } from "../lineage/events";

const T = "northwind-eu";
const SRC = {
  namespace: "postgres://shipments-db.eu-central-1.internal:5432",
  name: "public.orders",
  region: "eu-central-1",
  classes: ["customer_pii"],
};

describe.each(DATABASE_KINDS)("the HTTP boundary on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true });
  let ingestToken = "";
  const admin = () => bearer(world.token(EU.northwindAdmin));
  const provider = () => bearer(world.token(EU.providerAdmin));

  /** Rows a refused request must not have added. */
  const fingerprint = async () => ({
    audit: await world.count("audit_entries"),
    ingest_tokens: await world.count("ingest_tokens"),
    lineage_events: await world.count("lineage_events"),
    api_tokens: await world.count("api_tokens"),
  });

  const ingest = (text: string) =>
    call(
      ingestRoute,
      request("/api/v1/ingest/openlineage", {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(ingestToken) },
        body: text,
      }),
    );

  it("deeply nested JSON in an OpenLineage batch: 400 json_too_deep before anything parses it", async () => {
    ingestToken = await seedIngestToken(world.prisma, "eu-central-1");
    const before = await fingerprint();
    const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
    const batch = `[${Array.from({ length: 100 }, () => `{"eventType":"COMPLETE","run":{"runId":"x","facets":{"f":${deep(2_000)}}}}`).join(",")}]`;
    const problem = await expectProblem(await ingest(batch), 400, "json_too_deep");
    // 64 levels: the batch, an event, run, facets, and 60 of the arrays.
    expect(problem).toMatchObject({ max_depth: 64, path: `$[0].run.facets.f${"[0]".repeat(60)}` });
    expect(problem.detail).toMatch(/deeper than 64 levels/);
    await expectProblem(await ingest(deep(20_000)), 400, "json_too_deep");
    expect(await fingerprint()).toEqual(before);
  });

  it("NUL and unpaired surrogates in lineage events, ingest-token names and token names: 400 invalid_text, nothing stored", async () => {
    const before = await fingerprint();
    const event = runEvent({ tenant: T, inputs: [SRC] }) as { job: { name: string; facets: Record<string, unknown> } };
    // The batch parser names the event and the path (see docs/lineage.md), for surrogates too.
    event.job.name = "nightly\u0000export";
    await expectProblem(await ingest(JSON.stringify(event)), 400, "invalid_event");
    event.job.name = "nightly";
    event.job.facets = {
      terrane_tenant: tenantFacet(T),
      x: { _producer: "https://x.example", _schemaURL: "https://x.example/s.json", note: "\ud800" },
    };
    await expectProblem(await ingest(JSON.stringify([event])), 400, "invalid_event");

    for (const name of ["data\u0000plane", "data \ud800 plane", "\udc00"]) {
      const res = await call(
        createIngestToken,
        request("/api/v1/region/ingest-tokens", {
          method: "POST",
          headers: { "content-type": "application/json", ...provider() },
          body: JSON.stringify({ name }),
        }),
      );
      expect((await expectProblem(res, 400, "invalid_text")).path).toBe("$.name");
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("lineage events dated in the year 0000 are refused as invalid, not failed in the database", async () => {
    const before = await fingerprint();
    const event = runEvent({ tenant: T, inputs: [SRC] }) as { eventTime: string };
    for (const eventTime of ["0000-06-01T00:00:00Z", "9999-12-31T23:59:59-05:00"]) {
      const res = await ingest(JSON.stringify({ ...event, eventTime }));
      expect(res.status, eventTime).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("a NUL in a path id: 400 invalid_path", async () => {
    const before = await fingerprint();
    await expectProblem(
      await call(
        revokeIngestToken,
        request("/api/v1/region/ingest-tokens/%00", { method: "DELETE", headers: provider() }),
        { id: "\u0000" },
      ),
      400,
      "invalid_path",
    );
    await expectProblem(
      await call(keysRoute, request("/api/v1/tenants/%00/keys", { headers: admin() }), { tenant: "north\u0000wind" }),
      400,
      "invalid_path",
    );
    await expectProblem(
      await call(listTokensRoute, request("/api/v1/users/x/tokens", { headers: admin() }), { user: "\ud800" }),
      400,
      "invalid_path",
    );
    expect(await fingerprint()).toEqual(before);
  });

  it("audit query: NUL in actor, a cursor beyond 64 bits, years 0000 and past 9999, non-decimal numbers: 400 invalid_query", async () => {
    const audit = (query: string) =>
      call(auditRoute, request(`/api/v1/tenants/${T}/audit${query}`, { headers: admin() }), { tenant: T });
    expect((await audit("?limit=2")).status).toBe(200);
    for (const query of [
      "?actor=%00",
      "?actor=a%00b",
      "?cursor=9999999999999999999",
      "?cursor=9223372036854775808",
      "?from=0000-01-01T00:00:00Z",
      "?to=9999-12-31T23:59:59-01:00",
      "?from=2026-02-30T00:00:00Z",
      "?limit=0x10",
      "?limit=1e2",
      "?limit=%205",
      "?limit=2&limit=3",
      "?limit=2&color=blue",
    ]) {
      await expectProblem(await audit(query), 400, "invalid_query");
    }
    const events = (query: string) =>
      call(eventsRoute, request(`/api/v1/tenants/${T}/keys/k/events${query}`, { headers: admin() }), {
        tenant: T,
        key: "k",
      });
    await expectProblem(await events("?from=0000-01-01T00:00:00Z"), 400, "invalid_query");
    const lineage = (query: string) =>
      call(lineageRoute, request(`/api/v1/tenants/${T}/lineage${query}`, { headers: admin() }), { tenant: T });
    await expectProblem(await lineage("?focus=00000000-0000-4000-8000-000000000000&depth=0x2"), 400, "invalid_query");
    await expectProblem(await lineage("?focus=00000000-0000-4000-8000-000000000000&depth=1e0"), 400, "invalid_query");
  });

  it("unknown query parameters are 400 invalid_query on every endpoint, with or without a query schema", async () => {
    const cases: [Parameters<typeof call>[0], string, Record<string, string>, Record<string, string>][] = [
      [healthRoute, "/api/health", {}, {}],
      [regionsRoute, "/api/v1/regions", {}, {}],
      [checkpointRoute, "/api/v1/audit/checkpoint", {}, {}],
      [tenantsRoute, "/api/v1/tenants", {}, admin()],
      [overviewRoute, `/api/v1/tenants/${T}`, { tenant: T }, admin()],
      [keysRoute, `/api/v1/tenants/${T}/keys`, { tenant: T }, admin()],
      [listIngestTokens, "/api/v1/region/ingest-tokens", {}, provider()],
      [listTokensRoute, "/api/v1/users/me/tokens", { user: "me" }, admin()],
      [lineageRoute, `/api/v1/tenants/${T}/lineage`, { tenant: T }, admin()],
    ];
    for (const [handler, path, params, headers] of cases) {
      const problem = await expectProblem(
        await call(handler, request(`${path}?debug=1`, { headers }), params),
        400,
        "invalid_query",
      );
      expect(problem.detail, path).toMatch(/Unknown query parameter "debug"/);
      expect((await call(handler, request(path, { headers }), params)).status, path).toBe(200);
    }
  });

  it("an unknown API path is a 404 problem whatever its query", async () => {
    await expectProblem(
      await call(catchAll, request("/api/v1/nope?x=%00"), { unknown: "v1/nope" }),
      404,
      "no_such_endpoint",
    );
  });
});
