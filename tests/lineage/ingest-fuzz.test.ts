import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPath } from "@/modules/lineage/domain/parse-batch";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { runEvent } from "./events";
import { useLineageWorld } from "./world";

const T = "northwind-eu";
const valid = () =>
  runEvent({
    tenant: T,
    inputs: [
      {
        namespace: "postgres://db.eu-central-1.internal",
        name: "public.orders",
        region: "eu-central-1",
        classes: ["customer_pii"],
      },
    ],
    outputs: [
      { namespace: "s3://northwind-dr-us-east-1", name: "orders/", region: "us-east-1", classes: ["business_records"] },
    ],
  });

/** Members the spec (or Terrane) requires, and must be of a given type. */
const REQUIRED: (string | number)[][] = [
  ["eventTime"],
  ["producer"],
  ["schemaURL"],
  ["run"],
  ["run", "runId"],
  ["job"],
  ["job", "namespace"],
  ["job", "name"],
  ["job", "facets", "terrane_tenant"],
  ["job", "facets", "terrane_tenant", "tenant"],
  ["job", "facets", "terrane_tenant", "_producer"],
  ["job", "facets", "terrane_tenant", "_schemaURL"],
  ["inputs", 0, "namespace"],
  ["inputs", 0, "name"],
  ["inputs", 0, "facets", "terrane_residency", "region"],
  ["inputs", 0, "facets", "terrane_residency", "dataClasses"],
  ["outputs", 0, "facets", "terrane_residency", "_producer"],
  ["outputs", 0, "facets", "terrane_residency", "_schemaURL"],
];
/** Optional members that, when present, must have their type. */
const TYPED: (string | number)[][] = [
  ["eventType"],
  ["inputs"],
  ["outputs"],
  ["job", "facets"],
  ["run", "facets"],
  ["outputs", 0, "facets"],
];

const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
  fc.constant({ unexpected: 1 }),
);

type Mutation =
  | { path: readonly (string | number)[]; op: "delete" }
  | { path: readonly (string | number)[]; op: "set"; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ path: fc.constantFrom(...REQUIRED), op: fc.constant("delete" as const) }),
  fc.record({ path: fc.constantFrom(...REQUIRED, ...TYPED), op: fc.constant("set" as const), value: wrongType }),
  fc.record({
    path: fc.constantFrom<(string | number)[][]>(["eventType"], ["eventTime"], ["run", "runId"], ["producer"]),
    op: fc.constant("set" as const),
    value: fc.constantFrom("", "soon", "not a uri", "12345", "START "),
  }),
);

function mutate(event: Record<string, unknown>, m: Mutation): Record<string, unknown> {
  const copy = structuredClone(event);
  let node = copy as Record<string | number, unknown>;
  for (const seg of m.path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1]!;
  if (m.op === "delete") delete node[last];
  else node[last] = m.value;
  return copy;
}

describe.each(DATABASE_KINDS)("generated malformed OpenLineage events on %s", (kind) => {
  const w = useLineageWorld(kind);

  it("one broken member, anywhere in a batch: 400 naming that event and a path at or under the member, nothing stored", async () => {
    await fc.assert(
      fc.asyncProperty(
        mutation,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        async (m, at, size) => {
          const index = Math.min(at, size - 1);
          const batch = Array.from({ length: size }, (_, i) => (i === index ? mutate(valid(), m) : valid()));
          const before = await w.counts();
          const res = await w.post(batch);
          const { code } = (await res.clone().json()) as { code: string };
          const problem = await expectProblem(res, 400, code);
          expect(["invalid_event", "missing_tenant_facet"]).toContain(problem.code);
          const expected = jsonPath(`$[${index}]`, m.path);
          expect(problem.index).toBe(index);
          expect(String(problem.path).startsWith(expected), `${String(problem.path)} under ${expected}`).toBe(true);
          expect(problem.detail.startsWith(`Event ${index} (${String(problem.path)}): `)).toBe(true);
          expect(await w.counts()).toEqual(before);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("arbitrary JSON is a 400 problem, never a 500, and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
        const before = await w.counts();
        const res = await w.post(JSON.stringify(body));
        expect(res.status, await res.clone().text()).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect(await w.counts()).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});
