/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas the route handlers
 * parse with (each module's api-schemas.ts) by zod's own JSON Schema converter: the document
 * cannot drift from what the routes accept. JSON Schema 2020-12 is OpenAPI 3.1's dialect.
 */
import { z } from "zod";
import {
  problemSchema,
  type ApiOperation,
  type NonJsonResponse,
  type OperationAuth,
  type ResponseSpec,
} from "@/platform/http/openapi-spec";

type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  version: string;
  serverUrl: string;
  /** Carries the region in its name (platform/auth/session-cookie.ts). */
  sessionCookie: string;
  tags: readonly { name: string; description: string }[];
}

const PROBLEM = "Problem";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const isNonJson = (r: z.ZodType | NonJsonResponse): r is NonJsonResponse => !(r instanceof z.ZodType);

/** `GET /api/v1/users/{user}/tokens` → `GetUsersUserTokens`: a stable, readable component name. */
function baseName(op: ApiOperation): string {
  const words = [op.method.toLowerCase(), ...op.path.replace(/^\/api(\/v1)?/, "").split(/[^A-Za-z0-9]+/)];
  return words
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

/** JSON Schema of one zod schema, requests as they are sent (io "input") and responses as they arrive. */
function toSchema(schema: z.ZodType, io: "input" | "output", reused: "ref" | "inline" = "ref"): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    // A sub-schema used twice (a version in `in_force`, `pending` and `versions`) is written once.
    reused,
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** Moves a converted schema's own `$defs` (recursive shapes) into components, rewriting its refs. */
function hoist(name: string, json: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const defs = json.$defs as Record<string, JsonSchema> | undefined;
  if (!defs) return json;
  delete json.$defs;
  const renamed = (def: string) => `${name}_${def.replace(/^_+/, "").replace(/[^A-Za-z0-9_]/g, "_")}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/"))
          out[k] = `#/components/schemas/${renamed(v.slice("#/$defs/".length))}`;
        else if (k === "$ref" && v === "#") out[k] = `#/components/schemas/${name}`;
        else out[k] = rewrite(v);
      }
      return out;
    }
    return value;
  };
  for (const [def, body] of Object.entries(defs)) components[renamed(def)] = rewrite(body) as JsonSchema;
  return rewrite(json) as JsonSchema;
}

/** Component names already written, per schema and direction: a schema several routes answer with is written once. */
const written = new WeakMap<z.ZodType, Map<string, string>>();

function component(name: string, schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>) {
  const byIo = written.get(schema) ?? new Map<string, string>();
  written.set(schema, byIo);
  const existing = byIo.get(io);
  if (existing && components[existing]) return ref(existing);
  components[name] = hoist(name, toSchema(schema, io), components);
  byIo.set(io, name);
  return ref(name);
}

/** The path and query parameters of an operation, from its params and query object schemas. */
function parameters(op: ApiOperation): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    // Each parameter stands alone: nothing to share a definition with.
    const json = toSchema(schema, "input", "inline");
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: where,
        required: where === "path" || required.has(name),
        ...(typeof description === "string" ? { description } : {}),
        schema: rest,
      });
    }
  }
  return out;
}

function security(auth: OperationAuth): JsonSchema[] {
  if (auth === "required") return [{ bearerToken: [] }, { sessionCookie: [] }];
  if (auth === "ingest") return [{ ingestToken: [] }];
  if (auth === "public") return [{}, { bearerToken: [] }, { sessionCookie: [] }];
  return [];
}

const ERRORS: Record<OperationAuth, Record<string, string>> = {
  required: {
    "400": "The request is malformed or fails validation; nothing changed.",
    "401": "No valid session or API token.",
    "403": "Authenticated, but the policy does not allow this.",
    "404": "No such resource, or not one the caller may know of.",
    "409": "The resource is not in a state that allows this (or changed since it was read).",
    "421": "The tenant is homed in another region: ask the instance at `home_url`.",
  },
  ingest: {
    "400": "The request is malformed or fails validation; nothing changed.",
    "401": "No valid ingest token of this region.",
    "413": "The body is larger than this endpoint takes.",
  },
  public: { "400": "The request is malformed or fails validation.", "404": "No such resource." },
  none: { "400": "The request is malformed or fails validation.", "404": "No such resource." },
};

function responseContent(
  spec: ResponseSpec,
  name: string,
  components: Record<string, JsonSchema>,
): { content: Record<string, JsonSchema>; description: string } {
  const alternatives = Array.isArray(spec) ? spec : [spec as z.ZodType | NonJsonResponse];
  const content: Record<string, JsonSchema> = {};
  const descriptions: string[] = [];
  alternatives.forEach((alternative, i) => {
    const suffix = alternatives.filter((a) => !isNonJson(a)).length > 1 ? `${i}` : "";
    if (isNonJson(alternative)) {
      content[alternative.contentType] = alternative.schema
        ? { schema: component(`${name}${suffix}`, alternative.schema, "output", components) }
        : { schema: alternative.contentType.includes("json") ? { type: "object" } : { type: "string" } };
      descriptions.push(alternative.description);
    } else {
      content["application/json"] = { schema: component(`${name}${suffix}`, alternative, "output", components) };
      if (alternative.description) descriptions.push(alternative.description);
    }
  });
  return { content, description: descriptions.join(" ") || "Success." };
}

/** The whole document for `operations` (every module's). */
export function openApiDocument(operations: readonly ApiOperation[], info: OpenApiInfo): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  components[PROBLEM] = toSchema(problemSchema, "output", "inline");
  const problem = { "application/problem+json": { schema: ref(PROBLEM) } };
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of [...operations].sort((a, b) => a.path.localeCompare(b.path))) {
    const name = baseName(op);
    const responses: Record<string, JsonSchema> = {};
    for (const [status, spec] of Object.entries(op.responses)) {
      if (spec)
        responses[status] = responseContent(spec, `${name}Response${status === "200" ? "" : status}`, components);
    }
    if (op.redirect)
      responses[String(op.redirect.status)] = {
        description: op.redirect.description,
        headers: { Location: { description: "Where to go.", schema: { type: "string" } } },
      };
    for (const [status, description] of Object.entries(ERRORS[op.auth]))
      responses[status] = { description, content: problem };
    if (op.body) {
      responses["413"] = { description: "The body is larger than this endpoint takes.", content: problem };
      responses["415"] = { description: "The body is not application/json.", content: problem };
    }
    responses["429"] = { description: "Too many requests; retry after the `retry-after` header.", content: problem };
    responses["5XX"] = { description: "An error on the server's side, with a reference to quote.", content: problem };
    const operation: JsonSchema = {
      operationId: name[0]!.toLowerCase() + name.slice(1),
      tags: [op.tag],
      summary: op.summary,
      security: security(op.auth),
      ...(op.params || op.query ? { parameters: parameters(op) } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: component(`${name}Request`, op.body, "input", components) } },
            },
          }
        : {}),
      responses,
    };
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Terrane API",
      version: info.version,
      description:
        "The residency trust portal's API. JSON keys are snake_case; every error is an RFC 9457 problem. See docs/api.md.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: info.serverUrl, description: "This region's instance" }],
    tags: info.tags,
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "A personal API token (`Authorization: Bearer trn_…`), created under /settings/tokens.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: info.sessionCookie,
          description: "The browser session of a signed-in user; cross-site writes with it are refused.",
        },
        ingestToken: {
          type: "http",
          scheme: "bearer",
          description: "A region ingest token (`tin_…`): the data plane's credential on /api/v1/ingest/*.",
        },
      },
    },
  };
}
