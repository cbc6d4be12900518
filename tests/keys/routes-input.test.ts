import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU } from "../helpers/seeded-region";
import { callKeyRoute, KEY_ROUTES, route, type CallOptions } from "../helpers/keys-routes";
import { primaryKeyId, totals, useKeyWorld } from "../helpers/keys-world";

const SLUG = "northwind-eu";
const UNKNOWN_KEY = "00000000-0000-4000-8000-000000000000";

describe.each(DATABASE_KINDS)("key routes refuse bad input and change nothing, on %s", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;
  let token: string;
  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
    token = world.token(EU.northwindAdmin);
  });

  /** Everything a refused request must leave as it was. */
  const snapshot = async () => ({
    totals: await totals(world.prisma),
    key: await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: keyId }, include: { versions: true } }),
    jobs: (await world.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job`)[0]!.n,
    rotations: await world.prisma.keyRotation.count(),
    receipts: await world.prisma.revocationReceipt.count(),
  });

  async function refused(
    name: string,
    status: number,
    code: string,
    options: Omit<CallOptions, "token"> & { key?: string; tenant?: string } = {},
  ) {
    const before = await snapshot();
    const res = await callKeyRoute(route(name), options.tenant ?? SLUG, options.key ?? keyId, { token, ...options });
    const problem = await expectProblem(res, status, code);
    expect(await snapshot(), `${name} ${JSON.stringify(options)}`).toEqual(before);
    return problem;
  }

  it("malformed JSON, a wrong media type or an oversized body", async () => {
    for (const name of ["disable", "schedule deletion", "rotation period"]) {
      await refused(name, 400, "malformed_json", { text: "{" });
      await refused(name, 400, "malformed_json", { text: "" });
      await refused(name, 415, "unsupported_media_type", { headers: { "content-type": "text/plain" } });
      await refused(name, 413, "payload_too_large", { text: JSON.stringify({ confirm: "x".repeat(70_000) }) });
    }
  });

  it("extra or missing fields, wrong types", async () => {
    await refused("disable", 400, "invalid_body", { body: { confirm: SLUG, force: true } });
    await refused("disable", 400, "invalid_body", { body: {} });
    await refused("disable", 400, "invalid_body", { body: { confirm: 5 } });
    await refused("disable", 400, "invalid_body", { body: [SLUG] });
    await refused("schedule deletion", 400, "invalid_body", { body: { confirm: SLUG, days: 7, now: true } });
    await refused("rotation period", 400, "invalid_body", { body: { rotation_period_days: 180, alias: "x" } });
    await refused("rotation period", 400, "invalid_body", { body: {} });
  });

  it("deletion waiting periods outside 7–30 days and rotation periods outside 90–730 days", async () => {
    for (const days of [6, 31, 0, -7, 7.5, "7", null])
      await refused("schedule deletion", 400, "invalid_body", { body: { confirm: SLUG, days } });
    for (const p of [89, 731, 0, 90.5, "180", null])
      await refused("rotation period", 400, "invalid_body", { body: { rotation_period_days: p } });
  });

  it("a confirmation that is not the tenant's name", async () => {
    for (const confirm of ["", "northwind", "NORTHWIND-EU", "kestrel-eu"]) {
      const p = await refused("disable", 400, "confirmation_mismatch", { body: { confirm } });
      expect(p.detail).toMatch(/northwind-eu/);
      await refused("schedule deletion", 400, "confirmation_mismatch", { body: { confirm, days: 7 } });
    }
  });

  it("an unknown key, another tenant's key, or a key id too long to be one", async () => {
    const kestrelKey = await primaryKeyId(world.prisma, "kestrel-eu");
    for (const r of KEY_ROUTES.filter((x) => x.name !== "list keys")) {
      await refused(r.name, 404, "key_not_found", { key: UNKNOWN_KEY });
      await refused(r.name, 404, "key_not_found", { key: "not-a-uuid'; --" });
      await refused(r.name, 404, "key_not_found", { key: kestrelKey });
      await refused(r.name, 400, "invalid_path", { key: "k".repeat(65) });
    }
  });

  it("event filters: from not before to, unknown format or operation, junk dates, unknown parameters", async () => {
    const at = "2026-01-01T00:00:00Z";
    for (const query of [
      `?from=${at}&to=${at}`,
      `?from=2026-02-01T00:00:00Z&to=${at}`,
      "?format=xml",
      "?operation=launch",
      "?from=yesterday",
      "?to=2026-13-01T00:00:00Z",
      "?limit=10",
      "?from=2026-01-01",
    ]) {
      await refused("events", 400, "invalid_query", { query });
    }
  });

  it("state-based refusals are 409 with a stable code", async () => {
    await refused("enable", 409, "key_state_conflict");
    await refused("cancel deletion", 409, "key_state_conflict");
  });

  it("arbitrary JSON bodies never get through: always a 4xx problem, nothing changed", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("disable", "schedule deletion", "rotation period"),
        fc.jsonValue(),
        async (name, body) => {
          const valid =
            typeof body === "object" &&
            body !== null &&
            !Array.isArray(body) &&
            ("confirm" in body ? body.confirm === SLUG : "rotation_period_days" in body);
          fc.pre(!valid);
          const res = await callKeyRoute(route(name), SLUG, keyId, { token, body });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get("content-type")).toBe("application/problem+json");
        },
      ),
      { numRuns: 60 },
    );
    expect(await snapshot()).toEqual(before);
  });
});
