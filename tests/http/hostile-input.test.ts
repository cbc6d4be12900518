/**
 * Every route handler in app/, called as Next calls it, with generated hostile input: path
 * parameters with NUL, unpaired surrogates, undecodable percent sequences, dots and huge
 * numbers; unknown, repeated and malformed query parameters; deep JSON, text no column can
 * hold and wrong types as bodies; anonymous, with junk credentials and with valid tokens.
 * Whatever comes in: never a 5xx, every 4xx is a problem document, and a refused request
 * changes nothing (only the audit trail of refusals may grow). The seed is fixed so a run is
 * reproducible; HOSTILE_SEED and HOSTILE_RUNS explore further.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { seedIngestToken } from "@/prisma/seed/seed-keys";
import { stableId } from "@/prisma/seed/world";
import { bearer } from "../helpers/http";
import { inventory, ROOT } from "../helpers/routes";
import { EU, useSeededRegion } from "../helpers/seeded-region";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** Runs per route: about 1,100 requests in all; the file runs in about a minute on two idle cores. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 20);

/**
 * next-auth's handler needs Next's request context (cookies(), headers()) and answers in its
 * own formats; it is exercised through the built server in e2e/ instead.
 */
const SKIPPED = new Set(["/api/auth/[...nextauth]"]);

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

const HOSTILE_SEGMENTS = [
  "\u0000",
  "a\u0000b",
  "%00",
  "\ud800",
  "x\udfff",
  "\udc00\ud800",
  "%C3%28",
  "%FF",
  "%E0%A4%A",
  ".",
  "..",
  "../../etc/passwd",
  "-1",
  "0",
  "1e309",
  "0x10",
  "99999999999999999999999999",
  "9".repeat(400),
  "x".repeat(5_000),
  " ",
  "",
  "é",
  "🚀",
  "northwind-eu\n",
  "NORTHWIND-EU",
  "northwind-gcc",
  UNKNOWN_ID,
];

const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE_SEGMENTS),
  fc.string({ maxLength: 30 }),
  fc.tuple(fc.string({ maxLength: 10 }), lone, fc.string({ maxLength: 10 })).map((p) => p.join("")),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`),
);

const QUERY_NAMES = [
  "limit",
  "cursor",
  "from",
  "to",
  "actor",
  "action",
  "who",
  "focus",
  "depth",
  "view",
  "format",
  "status",
  "at",
  "content_digest",
  "index",
  "size",
  "start",
  "end",
  "debug",
  "__proto__",
  "constructor",
  "",
];
const QUERY_VALUES = [
  "%00",
  "a%00b",
  "%FF",
  "%C3%28",
  "%ED%A0%80",
  "0x10",
  "1e2",
  "-1",
  "0",
  "%205",
  "9999999999999999999",
  "18446744073709551616",
  "1".repeat(400),
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59-05:00",
  "2026-02-30T00:00:00Z",
  "10000-01-01T00:00:00Z",
  "yesterday",
  "NaN",
  "Infinity",
  "true",
  "[]",
  "csv",
  "summary",
  "people",
  "all",
  UNKNOWN_ID,
];
/** Raw query strings (already encoded): the value is placed in the URL as is. */
const hostileQuery = fc
  .array(
    fc.tuple(
      fc.constantFrom(...QUERY_NAMES),
      fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 12 }).map(encodeURIComponent)),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join("&")}`);

const nest = (open: string, close: string) =>
  fc.integer({ min: 65, max: 3_000 }).map((n) => open.repeat(n) + close.repeat(n));
const FIELDS = [
  "name",
  "confirm",
  "days",
  "rotation_period_days",
  "key",
  "description",
  "sensitivity",
  "data_class",
  "destination",
  "outcome",
  "effective_from",
  "effective_to",
  "notes",
  "reason",
  "tenant",
  "expires_in_days",
  "eventType",
  "eventTime",
  "run",
  "job",
  "hour",
  "count",
];
const hostileValue = fc.oneof(
  hostileText,
  fc.constantFrom(
    -1,
    0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    3.5,
    true,
    null,
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59-05:00",
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
const hostileBody = fc.oneof(
  nest("[", "]"),
  nest('{"a":', "}").map((s) => s.replace(/}+$/, (m) => `1${m}`)),
  fc
    .dictionary(fc.oneof(fc.constantFrom(...FIELDS), hostileText), hostileValue, { maxKeys: 5 })
    .map((o) => JSON.stringify(o)),
  fc
    .array(fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 4 }), { maxLength: 3 })
    .map((a) => JSON.stringify(a)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    "",
    "{",
    "nul",
    '{"name":"\\u0000"}',
    '{"name":"\\ud800"}',
    '{"\\udfff":1}',
    '[{"eventTime":"0000-01-01T00:00:00Z"}]',
    '"\\u0000"',
    "1e999999",
  ),
  fc.string({ maxLength: 50 }),
);

interface Route {
  path: string;
  method: string;
  file: string;
}

const routes: Route[] = inventory().handlers.filter((h) => !SKIPPED.has(h.path));
const paramNames = (route: string) => [...route.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);

describe("every route handler under hostile input", () => {
  const world = useSeededRegion("embedded", "eu-central-1", { keys: true, decisions: true });
  const examples: Record<string, string> = {
    tenant: "northwind-eu",
    user: "me",
    token: UNKNOWN_ID,
    id: UNKNOWN_ID,
    entry: "1",
    region: "me-central-1",
    facet: "terrane_residency",
    version: "1-0-0.json",
    unknown: "v1/nope",
  };
  const credentials: Record<string, Record<string, string>> = {
    anonymous: {},
    junk: { authorization: "Bearer trn_junk" },
    basic: { authorization: "Basic dXNlcjpwYXNz" },
  };

  /** What a refused request must leave as it was: everything but the audit trail of refusals. */
  async function fingerprint(): Promise<string> {
    const rows = await world.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`
      SELECT
        (SELECT count(*) FROM audit_entries WHERE outcome = 'success')::text AS audit,
        (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL)::text AS api_tokens,
        (SELECT count(*) FROM ingest_tokens WHERE revoked_at IS NULL)::text AS ingest_tokens,
        (SELECT count(*) FROM data_classes)::text AS data_classes,
        (SELECT count(*) FROM sharing_decision_versions)::text AS versions,
        (SELECT count(*) FROM sharing_decision_events)::text AS decision_events,
        (SELECT count(*) FROM key_rotations)::text AS rotations,
        (SELECT count(*) FROM key_usage_hourly)::text AS usage,
        (SELECT count(*) FROM lineage_events)::text AS lineage,
        (SELECT string_agg(state::text || ':' || current_version::text || ':' || rotation_period_days::text, ',' ORDER BY id) FROM tenant_keys) AS keys`);
    return JSON.stringify(rows[0]);
  }

  beforeAll(async () => {
    const key = await world.prisma.tenantKey.findFirstOrThrow({
      where: { tenant: { slug: "northwind-eu" } },
      select: { id: true },
    });
    examples.key = key.id;
    const decision = await world.prisma.sharingDecision.findFirst({
      where: { tenantId: stableId("tenant", "northwind-eu") },
      select: { id: true },
    });
    examples.decision = decision?.id ?? UNKNOWN_ID;
    credentials.customerAdmin = bearer(world.token(EU.northwindAdmin));
    credentials.providerAdmin = bearer(world.token(EU.providerAdmin));
    credentials.ingest = bearer(await seedIngestToken(world.prisma, "eu-central-1"));
  });

  it("covers every route of the inventory but next-auth's", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain("POST /api/v1/ingest/openlineage");
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_name, route) => {
    const module = (await import(/* @vite-ignore */ path.join(ROOT, route.file))) as Record<string, Handler>;
    const handler = module[route.method]!;
    const names = paramNames(route.path);
    const takesBody = !["GET", "HEAD", "DELETE"].includes(route.method);
    // Without credentials, a route that accepts a browser session asks next-auth, which reads
    // cookies() and so needs Next's request scope: those anonymous calls are e2e's (authz.spec.ts).
    const source = readFileSync(path.join(ROOT, route.file), "utf8");
    const sessionless = source.includes('auth: "none"') || !source.includes("apiRoute(");
    const who = Object.keys(credentials).filter((c) => sessionless || c !== "anonymous");
    // A body is the hostile part only where the route reads one: a body sent to, say, rotate is
    // ignored, and the request would be a real rotation.
    const readsBody = takesBody && (/\bbody[,:]/.test(source) || source.includes("parseJsonBody("));

    const request = fc.record({
      // Each request is hostile somewhere: in a path parameter, the query, or the body.
      hostile: fc.constantFrom(
        ...(["query", ...(names.length > 0 ? ["path"] : []), ...(readsBody ? ["body", "body"] : [])] as const),
      ),
      param: fc.constantFrom(...(names.length > 0 ? names : ["none"])),
      segment: hostileText,
      query: hostileQuery,
      body: hostileBody,
      contentType: fc.constantFrom(
        "application/json",
        "application/json",
        "application/merge-patch+json",
        "text/plain",
        null,
      ),
      who: fc.constantFrom(...who),
    });

    let baseline = await fingerprint();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const params = Object.fromEntries(
          names.map((n) => [n, r.hostile === "path" && n === r.param ? r.segment : (examples[n] ?? "x")]),
        );
        const encoded = route.path.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_m, n: string) => {
          try {
            return encodeURIComponent(params[n]!);
          } catch {
            return "x"; // an unpaired surrogate cannot be percent-encoded; Next never passes one either
          }
        });
        const headers: Record<string, string> = { ...credentials[r.who] };
        if (r.contentType) headers["content-type"] = r.contentType;
        const init: RequestInit = { method: route.method, headers };
        if (takesBody) init.body = r.hostile === "body" ? r.body : "{}";
        const url = `http://localhost${encoded}${r.hostile === "query" ? r.query : ""}`;
        const response = await handler(new Request(url, init), { params: Promise.resolve(params) });
        const text = await response.text();
        const what = `${route.method} ${url} as ${r.who} → ${response.status} ${text.slice(0, 300)}`;
        expect(response.status, what).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get("content-type"), what).toBe("application/problem+json");
          const problem = JSON.parse(text) as { status: number; code: string };
          expect(problem.status, what).toBe(response.status);
          expect(problem.code, what).toMatch(/^[a-z_]+$/);
          expect(await fingerprint(), `state changed by a refused request: ${what}`).toBe(baseline);
        } else {
          // Accepted (hostile input a route legitimately ignores): the state it left is the new baseline.
          baseline = await fingerprint();
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.HOSTILE_SEED ?? 20261201) },
    );
  });
});
