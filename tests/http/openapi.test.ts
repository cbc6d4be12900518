/**
 * GET /api/v1/openapi.json: every route-handler method in app/api is in the document (and
 * nothing else is), and the document has the shape of OpenAPI 3.1: its version, resolvable
 * references, declared path parameters, a problem for every error, and tags per module.
 */
import { describe, expect, it } from "vitest";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { inventory } from "../helpers/routes";
import { call, request } from "../helpers/http";
import { setRegionEnv } from "../helpers/env";

interface Operation {
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string }> };
}

/** `/api/v1/users/[user]/tokens` → `/api/v1/users/{user}/tokens`; a catch-all `[...x]` → `{x}`. */
const openApiPath = (route: string) => route.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");

async function fetchDocument(): Promise<{ res: Response; doc: Document }> {
  setRegionEnv("eu-central-1");
  const res = await call(openapi, request("/api/v1/openapi.json"));
  return { res, doc: (await res.clone().json()) as Document };
}

/** Every `$ref` anywhere in the document, with where it was found. */
function refs(value: unknown, at = "#"): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) =>
      k === "$ref" && typeof v === "string" ? [{ ref: v, at }] : refs(v, `${at}/${k}`),
    );
  return [];
}

function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>(
      (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      doc,
    );
}

describe("the OpenAPI document", () => {
  it("is served publicly as JSON that shared caches may keep", async () => {
    const { res, doc } = await fetchDocument();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    expect(doc.info.title).toBe("Terrane API");
  });

  it("lists every route-handler method of app/api, and nothing app/api does not serve", async () => {
    const { doc } = await fetchDocument();
    const handlers = inventory()
      .handlers.filter((h) => h.path.startsWith("/api/") && h.path !== "/api/[...unknown]")
      .map((h) => `${h.method} ${openApiPath(h.path)}`)
      .sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(handlers);
  });

  it("is OpenAPI 3.1 in shape: version, resolvable $refs, declared path parameters", async () => {
    const { doc } = await fetchDocument();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const unresolved = refs(doc).filter(({ ref }) => resolve(doc, ref) === undefined);
    expect(unresolved, "every $ref points at something in the document").toEqual([]);
    for (const [path, ops] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(ops)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === "path");
        expect(declared.map((p) => p.name).sort(), `${method} ${path}: path parameters`).toEqual(inPath);
        expect(
          declared.every((p) => p.required),
          `${method} ${path}: path parameters are required`,
        ).toBe(true);
        expect(op.tags, `${method} ${path}: one tag, its module's`).toHaveLength(1);
        expect(doc.tags.map((t) => t.name)).toContain(op.tags[0]);
        expect(
          Object.keys(op.responses).some((s) => /^2/.test(s) || s === "303"),
          `${method} ${path}: a success (or the redirect it answers instead)`,
        ).toBe(true);
        for (const [status, response] of Object.entries(op.responses).filter(([s]) => /^[45]/.test(s))) {
          expect(response.content, `${method} ${path} ${status}: a problem`).toHaveProperty([
            "application/problem+json",
          ]);
        }
      }
    }
  });

  it("names its security schemes and uses them: bearer token, session cookie, ingest token", async () => {
    const { doc } = await fetchDocument();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerToken", "ingestToken", "sessionCookie"]);
    const tokens = doc.paths["/api/v1/users/{user}/tokens"]!.get!;
    expect(tokens.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/api/v1/ingest/openlineage"]!.post!.security).toEqual([{ ingestToken: [] }]);
    expect(doc.paths["/api/v1/regions"]!.get!.security).toEqual([]);
  });

  it("describes request bodies and snake_case responses from the route's own schemas", async () => {
    const { doc } = await fetchDocument();
    const create = doc.paths["/api/v1/users/{user}/tokens"]!.post!;
    const body = resolve(
      doc,
      (create.requestBody as { content: Record<string, { schema: { $ref: string } }> }).content["application/json"]!
        .schema.$ref,
    ) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(body.properties).sort()).toEqual(["expires_in_days", "name", "tenant"]);
    expect(body.additionalProperties).toBe(false);
    const names = (value: unknown): string[] => {
      if (Array.isArray(value)) return value.flatMap(names);
      if (!value || typeof value !== "object") return [];
      const own = value as Record<string, unknown>;
      const properties = own.properties && typeof own.properties === "object" ? Object.keys(own.properties) : [];
      return [...properties, ...Object.values(own).flatMap(names)];
    };
    const camel = [...new Set(names(doc.components.schemas).filter((k) => /[a-z][A-Z]/.test(k)))];
    expect(camel, "JSON keys are snake_case").toEqual([]);
  });
});
