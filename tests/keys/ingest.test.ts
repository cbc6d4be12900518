import { beforeAll, describe, expect, it } from "vitest";
import { POST as ingest } from "@/app/api/v1/ingest/key-usage/route";
import { DELETE as revokeToken } from "@/app/api/v1/region/ingest-tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/region/ingest-tokens/route";
import { generateTokenSecret } from "@/modules/identity/domain/token-secret";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU } from "../helpers/seeded-region";
import { primaryKeyId, tenantId, useKeyWorld } from "../helpers/keys-world";

const HOUR_MS = 3_600_000;
const SERVICE = "test-pipeline";
const lastHour = () => new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS).toISOString();
const aggregate = (over: Record<string, unknown> = {}) => ({
  tenant: "northwind-eu",
  hour: lastHour(),
  operation: "decrypt",
  service: SERVICE,
  count: 10,
  failures: 1,
  ...over,
});

const json = (body: unknown, token?: string, text?: string) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(token ? bearer(token) : {}) },
  body: text ?? JSON.stringify(body),
});

describe.each(DATABASE_KINDS)("key-usage ingest and ingest tokens on %s", (kind) => {
  const world = useKeyWorld(kind);
  let ingestToken: string;
  let tokenId: string;

  const send = (body: unknown, token = ingestToken, text?: string) =>
    call(ingest, request("/api/v1/ingest/key-usage", json(body, token, text)));
  const mint = (email: string, name = "data plane") =>
    call(createToken, request("/api/v1/region/ingest-tokens", json({ name }, world.token(email))));
  const revoke = (email: string, id: string) =>
    call(
      revokeToken,
      request(`/api/v1/region/ingest-tokens/${id}`, { method: "DELETE", headers: bearer(world.token(email)) }),
      { id },
    );
  const stored = () =>
    world.prisma.keyUsageHourly.findMany({
      where: { service: { startsWith: "test-" } },
      orderBy: [{ hour: "asc" }, { operation: "asc" }],
    });
  const state = async () => ({
    usage: await world.prisma.keyUsageHourly.count(),
    audit: await world.prisma.auditEntry.count(),
    tokens: await world.prisma.ingestToken.count(),
  });

  beforeAll(async () => {
    const res = await mint(EU.providerAdmin);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; token: string; prefix: string; region: string };
    ingestToken = body.token;
    tokenId = body.id;
  });

  it("a provider admin creates and lists ingest tokens; the secret is shown once and not stored", async () => {
    expect(ingestToken).toMatch(/^tin_[A-Za-z0-9_-]{43}$/);
    const row = await world.prisma.ingestToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(row.tokenHash).not.toContain(ingestToken);
    expect(JSON.stringify(row)).not.toContain(ingestToken.slice(4));
    expect(
      await world.prisma.auditEntry.count({
        where: { action: "ingest_token.created", subject: `ingest_token:${tokenId}` },
      }),
    ).toBe(1);
    const list = await call(
      listTokens,
      request("/api/v1/region/ingest-tokens", { headers: bearer(world.token(EU.providerAdmin)) }),
    );
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).not.toContain(ingestToken);
    expect((JSON.parse(text) as { tokens: { id: string }[] }).tokens.map((t) => t.id)).toContain(tokenId);
  });

  it("everyone else is refused (403), an unknown token 401, and nothing changes", async () => {
    const before = await state();
    for (const email of [EU.northwindAdmin, EU.northwindViewer, EU.northwindAuditor, EU.compliance, EU.support]) {
      await expectProblem(
        await call(listTokens, request("/api/v1/region/ingest-tokens", { headers: bearer(world.token(email)) })),
        403,
        "forbidden",
      );
      await expectProblem(await mint(email), 403, "forbidden");
      await expectProblem(await revoke(email, tokenId), 403, "forbidden");
    }
    // (No credentials at all falls to the browser session, which needs Next's request context: e2e covers it.)
    await expectProblem(
      await call(
        createToken,
        request("/api/v1/region/ingest-tokens", json({ name: "x" }, generateTokenSecret().secret)),
      ),
      401,
      "invalid_token",
    );
    expect(await state()).toEqual(before);
    await expectProblem(await mint(EU.providerAdmin, ""), 400, "invalid_body");
    await expectProblem(
      await revoke(EU.providerAdmin, "00000000-0000-4000-8000-000000000000"),
      404,
      "ingest_token_not_found",
    );
    expect(await state()).toEqual(before);
  });

  it("stores an aggregate; the same aggregate again is stored once, with the last values", async () => {
    expect(await (await send(aggregate())).json()).toEqual({ accepted: 1 });
    expect(await (await send([aggregate({ count: 12, failures: 0 })])).json()).toEqual({ accepted: 1 });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      keyId: await primaryKeyId(world.prisma, "northwind-eu"),
      tenantId: tenantId("northwind-eu"),
      count: 12,
      failures: 0,
      hour: new Date(lastHour()),
    });
    expect(
      await world.prisma.auditEntry.count({
        where: { action: "ingest.key_usage", subject: `ingest_token:${tokenId}` },
      }),
    ).toBe(2);
  });

  it("refuses ingest without a region ingest token (401), and stores nothing", async () => {
    const before = await state();
    for (const token of [
      undefined,
      world.token(EU.providerAdmin),
      world.token(EU.northwindAdmin),
      generateTokenSecret("tin_").secret,
      "tin_short",
    ]) {
      const res = await call(
        ingest,
        request("/api/v1/ingest/key-usage", json(aggregate({ service: "test-unauth" }), token)),
      );
      await expectProblem(res, 401, "invalid_token");
    }
    expect(await state()).toEqual(before);
  });

  it("refuses bad aggregates, and a batch with one bad item stores none of it", async () => {
    const before = await state();
    const kestrelKey = await primaryKeyId(world.prisma, "kestrel-eu");
    const halfPast = new Date(Date.parse(lastHour()) + 30 * 60_000).toISOString();
    const future = new Date(Date.parse(lastHour()) + 3 * HOUR_MS).toISOString();
    const cases: [unknown, string][] = [
      [aggregate({ hour: halfPast }), "invalid_body"],
      [aggregate({ hour: future }), "invalid_body"],
      [aggregate({ hour: "yesterday" }), "invalid_body"],
      [aggregate({ count: 3, failures: 4 }), "invalid_body"],
      [aggregate({ count: -1, failures: 0 }), "invalid_body"],
      [aggregate({ count: 1.5 }), "invalid_body"],
      [aggregate({ operation: "launch" }), "invalid_body"],
      [aggregate({ service: "bad service!" }), "invalid_body"],
      [aggregate({ extra: true }), "invalid_body"],
      [[], "invalid_body"],
      [Array.from({ length: 1_001 }, () => aggregate()), "invalid_body"],
      [[aggregate({ service: "test-batch" }), aggregate({ failures: 99 })], "invalid_body"],
      [aggregate({ tenant: "no-such-tenant" }), "unknown_tenant"],
      [aggregate({ tenant: "northwind-gcc" }), "wrong_region"],
      [aggregate({ key: kestrelKey }), "unknown_key"],
      [aggregate({ key: "00000000-0000-4000-8000-000000000000" }), "unknown_key"],
      [
        [
          aggregate({ service: "test-batch" }),
          aggregate({ service: "test-batch", operation: "encrypt" }),
          aggregate({ tenant: "no-such-tenant" }),
        ],
        "unknown_tenant",
      ],
      [[aggregate({ service: "test-batch" }), aggregate({ tenant: "northwind-gcc" })], "wrong_region"],
    ];
    for (const [body, code] of cases) await expectProblem(await send(body), 400, code);
    await expectProblem(await send(null, ingestToken, "{not json"), 400, "malformed_json");
    expect(await state()).toEqual(before);
    expect((await stored()).filter((r) => r.service === "test-batch")).toEqual([]);
  });

  it("a revoked ingest token is refused from then on", async () => {
    const res = await mint(EU.providerAdmin, "short-lived");
    const { id, token } = (await res.json()) as { id: string; token: string };
    expect((await send(aggregate({ service: "test-revoked" }), token)).status).toBe(200);
    const revoked = await revoke(EU.providerAdmin, id);
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revoked_at: string | null }).revoked_at).not.toBeNull();
    const before = await state();
    await expectProblem(await send(aggregate({ service: "test-revoked", count: 99 }), token), 401, "invalid_token");
    expect(await state()).toEqual(before);
    expect((await revoke(EU.providerAdmin, id)).status).toBe(200); // revoking again changes nothing
    expect(await state()).toEqual(before);
    expect((await send(aggregate(), ingestToken)).status).toBe(200); // other tokens keep working
  });
});
