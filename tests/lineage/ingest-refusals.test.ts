import { describe, expect, it } from "vitest";
import { POST as ingestRoute } from "@/app/api/v1/ingest/openlineage/route";
import { hashTokenSecret } from "@/modules/identity/domain/token-secret";
import { seedIngestToken } from "@/prisma/seed/seed-keys";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU } from "../helpers/seeded-region";
import { datasetEvent, runEvent, tenantFacet } from "./events";
import { useLineageWorld } from "./world";

const T = "northwind-eu";
const SRC = {
  namespace: "postgres://shipments-db.eu-central-1.internal:5432",
  name: "public.orders",
  region: "eu-central-1",
  classes: ["customer_pii"],
};
const DST = {
  namespace: "s3://northwind-dr-us-east-1",
  name: "orders/",
  region: "us-east-1",
  classes: ["customer_pii"],
};

describe.each(DATABASE_KINDS)("OpenLineage ingest refusals on %s (nothing stored)", (kind) => {
  const w = useLineageWorld(kind);

  /** Asserts the problem, and that not one row of lineage, nor an audit entry, was written. */
  async function refused(send: () => Promise<Response>, status: number, code: string) {
    const before = await w.counts();
    const problem = await expectProblem(await send(), status, code);
    expect(await w.counts()).toEqual(before);
    return problem;
  }

  const post = (body: unknown, headers: Record<string, string>) =>
    call(
      ingestRoute,
      request("/api/v1/ingest/openlineage", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
    );

  it("401 without a token, with a personal API token, with a revoked or unknown ingest token — before the body is read", async () => {
    const event = runEvent({ tenant: T, inputs: [SRC] });
    await refused(() => post(event, {}), 401, "invalid_token");
    await refused(() => post(event, bearer(w.region.token(EU.providerAdmin))), 401, "invalid_token");
    await refused(() => post(event, bearer("tin_not-a-real-token-at-all-0000000000000000000")), 401, "invalid_token");
    const revoked = await seedIngestToken(w.region.prisma, "eu-central-1");
    await w.region.prisma.ingestToken.update({
      where: { tokenHash: hashTokenSecret(revoked) },
      data: { revokedAt: new Date() },
    });
    await refused(() => post(event, bearer(revoked)), 401, "invalid_token");
    // An unreadable body does not matter: the token is checked first.
    await refused(
      () =>
        call(
          ingestRoute,
          request("/api/v1/ingest/openlineage", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{",
          }),
        ),
      401,
      "invalid_token",
    );
  });

  it("400 wrong_region for a tenant homed elsewhere, naming where to send it", async () => {
    const problem = await refused(
      () => w.post([runEvent({ tenant: T, inputs: [SRC] }), runEvent({ tenant: "northwind-gcc", inputs: [SRC] })]),
      400,
      "wrong_region",
    );
    expect(problem).toMatchObject({
      index: 1,
      path: "$[1].job.facets.terrane_tenant.tenant",
      home_region: "me-central-1",
      home_url: "http://localhost:3001/api/v1/ingest/openlineage",
    });
    expect(problem.detail).toMatch(
      /^Event 1 \(\$\[1\]\.job\.facets\.terrane_tenant\.tenant\): northwind-gcc is homed in me-central-1/,
    );
  });

  it("400 unknown_tenant, missing_tenant_facet and tenant_mismatch", async () => {
    const unknown = await refused(
      () => w.post(runEvent({ tenant: "no-such-tenant", inputs: [SRC] })),
      400,
      "unknown_tenant",
    );
    expect(unknown.detail).toBe(
      'Event 0 ($.job.facets.terrane_tenant.tenant): no tenant "no-such-tenant" is known here.',
    );

    const noFacet = runEvent({ tenant: T, inputs: [SRC] }) as { job: { facets: Record<string, unknown> } };
    noFacet.job.facets = {};
    const missing = await refused(() => w.post([noFacet]), 400, "missing_tenant_facet");
    expect(missing).toMatchObject({ index: 0, path: "$[0].job.facets.terrane_tenant" });

    const ds = datasetEvent(T, SRC) as { dataset: { facets: Record<string, unknown> } };
    delete ds.dataset.facets.terrane_tenant;
    expect((await refused(() => w.post(ds), 400, "missing_tenant_facet")).path).toBe("$.dataset.facets.terrane_tenant");

    const mixed = runEvent({ tenant: T, inputs: [{ ...SRC, facets: { terrane_tenant: tenantFacet("kestrel-eu") } }] });
    expect((await refused(() => w.post(mixed), 400, "tenant_mismatch")).path).toBe(
      "$.inputs[0].facets.terrane_tenant.tenant",
    );
  });

  it("400 unknown_data_class and unknown_region from the residency facet", async () => {
    const badClass = await refused(
      () =>
        w.post(runEvent({ tenant: T, inputs: [SRC], outputs: [{ ...DST, classes: ["customer_pii", "moon_rocks"] }] })),
      400,
      "unknown_data_class",
    );
    expect(badClass.path).toBe("$.outputs[0].facets.terrane_residency.dataClasses[1]");
    const badRegion = await refused(
      () => w.post(runEvent({ tenant: T, inputs: [{ ...SRC, region: "xx-nowhere-9" }] })),
      400,
      "unknown_region",
    );
    expect(badRegion.path).toBe("$.inputs[0].facets.terrane_residency.region");
  });

  it("400 invalid_event naming the event and the JSON path, for the spec's requirements", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ ...runEvent({ tenant: T }), run: { runId: "not-a-uuid" } }, "$.run.runId", /UUID/],
      [
        { ...runEvent({ tenant: T }), eventType: "FINISHED" },
        "$.eventType",
        /one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER/,
      ],
      [{ ...runEvent({ tenant: T }), eventTime: "yesterday" }, "$.eventTime", /RFC 3339/],
      [{ ...runEvent({ tenant: T }), producer: "not a uri" }, "$.producer", /absolute URI/],
      [
        { ...runEvent({ tenant: T }), schemaURL: "https://openlineage.io/spec/1-0-5/OpenLineage.json" },
        "$.schemaURL",
        /2-0-x/,
      ],
      [
        { ...runEvent({ tenant: T }), job: { name: "x", facets: { terrane_tenant: tenantFacet(T) } } },
        "$.job.namespace",
        /job namespace/,
      ],
      [runEvent({ tenant: T, inputs: [{ namespace: "", name: "x" }] }), "$.inputs[0].namespace", /must not be empty/],
      [
        {
          ...runEvent({ tenant: T }),
          run: { runId: "2b7a2b38-5a4e-4f0b-8f6f-0c7a3f1d2e4a", facets: { parent: { run: {} } } },
        },
        "$.run.facets.parent._producer",
        /absolute URI|expected string/,
      ],
      [
        runEvent({ tenant: T, inputs: [{ ...SRC, extra: { region: "EU" } }] }),
        "$.inputs[0].facets.terrane_residency.region",
        /region id/,
      ],
      [
        {
          ...runEvent({ tenant: T }),
          job: {
            namespace: "n",
            name: "j",
            facets: { terrane_tenant: { ...tenantFacet(T), _schemaURL: "https://example.com/tenant.json" } },
          },
        },
        "$.job.facets.terrane_tenant._schemaURL",
        /version 1 schema of terrane_tenant/,
      ],
      [
        {
          eventTime: "2026-01-01T00:00:00Z",
          producer: "https://x.example",
          schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json",
        },
        "$",
        /no OpenLineage event/,
      ],
      [[runEvent({ tenant: T }), "nope"], "$[1]", /JSON object/],
    ];
    for (const [body, path, message] of cases) {
      const problem = await refused(() => w.post(body), 400, "invalid_event");
      expect(problem.path, JSON.stringify(body).slice(0, 200)).toBe(path);
      expect(problem.detail).toMatch(message);
      expect(problem.detail.startsWith(`Event ${Array.isArray(body) ? 1 : 0} (${path}): `)).toBe(true);
    }
  });

  it("all or nothing: one bad event in a batch of good ones stores none of them", async () => {
    const batch = Array.from({ length: 20 }, () => runEvent({ tenant: T, inputs: [SRC], outputs: [DST] }));
    batch[13] = { ...batch[13]!, eventTime: "2026-13-01T00:00:00Z" };
    const problem = await refused(() => w.post(batch), 400, "invalid_event");
    expect(problem).toMatchObject({ index: 13, path: "$[13].eventTime" });
  });

  it("400 for an empty batch and for more than 500 events; 415, 413 and malformed JSON", async () => {
    await refused(() => w.post([]), 400, "empty_batch");
    const many = Array.from({ length: 501 }, () => ({}));
    expect((await refused(() => w.post(many), 400, "batch_too_large")).max_events).toBe(500);
    await refused(() => w.post("{not json"), 400, "malformed_json");
    await refused(
      () => w.post(runEvent({ tenant: T }), { "content-type": "text/plain" }),
      415,
      "unsupported_media_type",
    );
    const huge = runEvent({
      tenant: T,
      inputs: [
        {
          ...SRC,
          facets: {
            big: {
              _producer: "https://x.example",
              _schemaURL: "https://x.example/s.json",
              blob: "x".repeat(5 * 1024 * 1024),
            },
          },
        },
      ],
    });
    await refused(() => w.post(huge), 413, "payload_too_large");
  });

  it("a NUL character anywhere (jsonb cannot hold one) is a 400 with its path, not a 500", async () => {
    const bad = runEvent({
      tenant: T,
      inputs: [
        {
          ...SRC,
          facets: { doc: { _producer: "https://x.example", _schemaURL: "https://x.example/s.json", text: "a\u0000b" } },
        },
      ],
    });
    expect((await refused(() => w.post(bad), 400, "invalid_event")).path).toBe("$.inputs[0].facets.doc.text");
  });
});
