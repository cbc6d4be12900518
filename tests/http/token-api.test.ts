import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DELETE as revokeToken } from "@/app/api/v1/users/[user]/tokens/[token]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/users/[user]/tokens/route";
import { createTokenSchema } from "@/modules/identity/api-schemas";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion, type SeededRegion } from "../helpers/seeded-region";

interface TokenView {
  id: string;
  name: string;
  state: string;
  tenant: string | null;
}

/** Everything a token request could change, except the last-used stamp of the token sent. */
async function snapshot(world: SeededRegion): Promise<string> {
  const tokens = await world.prisma.apiToken.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      userId: true,
      tenantId: true,
      name: true,
      prefix: true,
      tokenHash: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  const audit = await world.prisma.auditEntry.aggregate({ _count: true, _max: { seq: true } });
  return JSON.stringify({ tokens, audit: audit._count, lastSeq: String(audit._max.seq) });
}

describe.each(DATABASE_KINDS)("token API on %s", (kind) => {
  const world = useSeededRegion(kind);
  const post = (
    token: string,
    body: BodyInit | null,
    headers: Record<string, string> = { "content-type": "application/json" },
  ) =>
    call(
      createToken,
      request("/api/v1/users/me/tokens", { method: "POST", body, headers: { ...bearer(token), ...headers } }),
      { user: "me" },
    );

  it("GET /users/me/tokens lists the holder's tokens without secrets or hashes", async () => {
    const res = await call(
      listTokens,
      request("/api/v1/users/me/tokens", { headers: bearer(world.token(EU.northwindViewer)) }),
      { user: "me" },
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    const { tokens } = JSON.parse(text) as { tokens: TokenView[] };
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ name: "Demo token", state: "active", tenant: "northwind-eu" });
    expect(text).not.toContain(world.token(EU.northwindViewer).slice(12));
    expect(text).not.toMatch(/tokenHash|token_hash|secret/);
  });

  it("another user's tokens: 404 for a viewer, listed for a provider admin", async () => {
    const ana = await world.userId(EU.northwindAdmin);
    const viewer = await call(
      listTokens,
      request(`/api/v1/users/${ana}/tokens`, { headers: bearer(world.token(EU.northwindViewer)) }),
      { user: ana },
    );
    await expectProblem(viewer, 404, "user_not_found");
    const admin = await call(
      listTokens,
      request(`/api/v1/users/${ana}/tokens`, { headers: bearer(world.token(EU.providerAdmin)) }),
      { user: ana },
    );
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as { tokens: TokenView[] }).tokens).toHaveLength(1);
  });

  it("POST with a token is refused: tokens cannot mint tokens, and nothing is stored", async () => {
    const before = await snapshot(world);
    const res = await post(world.token(EU.northwindAdmin), JSON.stringify({ name: "minted", tenant: "northwind-eu" }));
    await expectProblem(res, 403, "forbidden");
    expect(await snapshot(world)).toBe(before);
  });

  it("DELETE revokes: a viewer cannot touch another's token (404); the owner and a provider admin can", async () => {
    const kim = await world.userId(EU.kestrelAdmin);
    const kimToken = await world.prisma.apiToken.findFirstOrThrow({ where: { userId: kim } });
    const path = `/api/v1/users/${kim}/tokens/${kimToken.id}`;

    const refused = await call(
      revokeToken,
      request(path, { method: "DELETE", headers: bearer(world.token(EU.kestrelViewer)) }),
      { user: kim, token: kimToken.id },
    );
    await expectProblem(refused, 404, "user_not_found");

    const done = await call(
      revokeToken,
      request(path, { method: "DELETE", headers: bearer(world.token(EU.providerAdmin)) }),
      { user: kim, token: kimToken.id },
    );
    expect(done.status).toBe(200);
    expect(((await done.json()) as { token: TokenView }).token).toMatchObject({ id: kimToken.id, state: "revoked" });

    // The revoked token no longer opens anything.
    const after = await call(
      listTokens,
      request("/api/v1/users/me/tokens", { headers: bearer(world.token(EU.kestrelAdmin)) }),
      { user: "me" },
    );
    await expectProblem(after, 401, "invalid_token");
  });

  it("a token can revoke itself, after which it is refused", async () => {
    const secret = world.token(EU.kestrelAuditor);
    const own = await world.prisma.apiToken.findFirstOrThrow({
      where: { userId: await world.userId(EU.kestrelAuditor) },
    });
    const res = await call(
      revokeToken,
      request(`/api/v1/users/me/tokens/${own.id}`, { method: "DELETE", headers: bearer(secret) }),
      { user: "me", token: own.id },
    );
    expect(res.status).toBe(200);
    const again = await call(
      revokeToken,
      request(`/api/v1/users/me/tokens/${own.id}`, { method: "DELETE", headers: bearer(secret) }),
      { user: "me", token: own.id },
    );
    await expectProblem(again, 401, "invalid_token");
  });

  it("DELETE of an unknown token id is 404, not 500", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "'; DROP TABLE api_tokens; --"]) {
      const res = await call(
        revokeToken,
        request(`/api/v1/users/me/tokens/x`, { method: "DELETE", headers: bearer(world.token(EU.northwindViewer)) }),
        { user: "me", token: id },
      );
      await expectProblem(res, 404, "token_not_found");
    }
  });

  describe("bad input to POST /users/me/tokens: a clear 4xx and nothing changed", () => {
    const holder = EU.northwindViewer;

    it("malformed JSON → 400 malformed_json", async () => {
      const before = await snapshot(world);
      for (const body of ["{", '{"name": "x",}', "name=x", "", "\u0000", "[1, 2", "{'name': 'x'}"]) {
        await expectProblem(await post(world.token(holder), body), 400, "malformed_json");
      }
      expect(await snapshot(world)).toBe(before);
    });

    it("wrong types, unknown fields and out-of-range values → 400 invalid_body naming the field", async () => {
      const before = await snapshot(world);
      const cases: [unknown, string][] = [
        [{ name: 42, tenant: "northwind-eu" }, "name"],
        [{ name: "", tenant: "northwind-eu" }, "name"],
        [{ name: "x".repeat(81), tenant: "northwind-eu" }, "name"],
        [{ name: "ok" }, "tenant"],
        [{ name: "ok", tenant: "Northwind EU" }, "tenant"],
        [{ name: "ok", tenant: "northwind-eu", expires_in_days: 0 }, "expires_in_days"],
        [{ name: "ok", tenant: "northwind-eu", expires_in_days: 366 }, "expires_in_days"],
        [{ name: "ok", tenant: "northwind-eu", expires_in_days: 1.5 }, "expires_in_days"],
        [{ name: "ok", tenant: "northwind-eu", expires_in_days: "30" }, "expires_in_days"],
        [{ name: "ok", tenant: "northwind-eu", admin: true }, "admin"],
        [[{ name: "ok", tenant: "northwind-eu" }], ""],
        [null, ""],
        ["name", ""],
      ];
      for (const [body, field] of cases) {
        const problem = await expectProblem(await post(world.token(holder), JSON.stringify(body)), 400, "invalid_body");
        expect(problem.detail, JSON.stringify(body)).toContain(field);
        expect(Array.isArray(problem.errors)).toBe(true);
      }
      expect(await snapshot(world)).toBe(before);
    });

    it("a body that is not JSON → 415", async () => {
      const before = await snapshot(world);
      const body = JSON.stringify({ name: "ok", tenant: "northwind-eu" });
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
      ]) {
        await expectProblem(
          await post(world.token(holder), body, { "content-type": type }),
          415,
          "unsupported_media_type",
        );
      }
      await expectProblem(await post(world.token(holder), body, {}), 415, "unsupported_media_type");
      expect(await snapshot(world)).toBe(before);
    });

    it("a body over 64 KiB → 413, whether or not its length is declared", async () => {
      const before = await snapshot(world);
      const big = JSON.stringify({ name: "ok", tenant: "northwind-eu", pad: "x".repeat(70 * 1024) });
      await expectProblem(await post(world.token(holder), big), 413, "payload_too_large");
      await expectProblem(
        await post(world.token(holder), big, {
          "content-type": "application/json",
          "content-length": String(big.length),
        }),
        413,
        "payload_too_large",
      );
      const stream = new Blob([big]).stream();
      const streamed = await call(
        createToken,
        new Request("http://localhost/api/v1/users/me/tokens", {
          method: "POST",
          body: stream,
          headers: { ...bearer(world.token(holder)), "content-type": "application/json" },
          duplex: "half",
        } as RequestInit),
        { user: "me" },
      );
      await expectProblem(streamed, 413, "payload_too_large");
      expect(await snapshot(world)).toBe(before);
    });

    it("generated bad bodies are all refused with 400 invalid_body and store nothing", async () => {
      const valid = { name: "ok", tenant: "northwind-eu", expires_in_days: 30 };
      const notAString = fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 2 }),
        fc.object({ maxDepth: 1 }),
      );
      const badBody = fc.oneof(
        notAString.map((name) => ({ ...valid, name })),
        fc
          .string({ minLength: 81, maxLength: 200 })
          .filter((s) => s.trim().length > 80)
          .map((name) => ({ ...valid, name })),
        fc.constantFrom("", " ", "\t\n").map((name) => ({ ...valid, name })),
        fc
          .oneof(
            fc.integer(),
            fc.boolean(),
            fc.string().filter((s) => !/^[a-z0-9][a-z0-9-]{0,62}$/.test(s)),
          )
          .map((tenant) => ({ ...valid, tenant })),
        fc
          .oneof(
            fc.integer({ max: 0 }),
            fc.integer({ min: 366 }),
            fc.double({ noInteger: true }),
            fc.string(),
            fc.constant(null),
          )
          .map((expires_in_days) => ({ ...valid, expires_in_days })),
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((k) => !(k in valid) && k !== "__proto__")
          .chain((key) => fc.jsonValue().map((v) => ({ ...valid, [key]: v }))),
        fc
          .constantFrom("name", "tenant")
          .map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
        fc.oneof(
          fc.array(fc.jsonValue(), { maxLength: 3 }),
          fc.integer(),
          fc.string(),
          fc.boolean(),
          fc.constant(null),
        ),
      );
      const before = await snapshot(world);
      await fc.assert(
        fc.asyncProperty(badBody, async (body) => {
          // The generator only makes bodies the schema must refuse.
          expect(createTokenSchema.safeParse(body).success).toBe(false);
          await expectProblem(await post(world.token(holder), JSON.stringify(body)), 400, "invalid_body");
        }),
        { numRuns: 60 },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 60 }), async (text) => {
          fc.pre(
            (() => {
              try {
                JSON.parse(text);
                return false;
              } catch {
                return true;
              }
            })(),
          );
          await expectProblem(await post(world.token(holder), text), 400, "malformed_json");
        }),
        { numRuns: 40 },
      );
      expect(await snapshot(world)).toBe(before);
    });
  });
});
