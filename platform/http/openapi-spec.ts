/**
 * How a module describes its API routes for the OpenAPI document: one entry per
 * `METHOD /path`, naming the zod schemas the route handler parses its params, query and body
 * with, and the schema of each response it answers with. Pure: modules' api-schemas.ts import
 * it, and so does the generator (platform/http/openapi.ts).
 */
import { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * "required": a session or a bearer API token; "public": anyone (a credential sent is still
 * checked); "none": no identity at all; "ingest": a region ingest token (the data plane).
 */
export type OperationAuth = "required" | "public" | "none" | "ingest";

/** A response that is not JSON: a signed note, a CSV export, a proof file. */
export interface NonJsonResponse {
  contentType: string;
  description: string;
  /** The body's schema when it has one worth stating (e.g. a JSON Schema document). */
  schema?: z.ZodType;
}

export type ResponseSpec = z.ZodType | NonJsonResponse | readonly (z.ZodType | NonJsonResponse)[];

export interface OperationSpec {
  summary: string;
  auth: OperationAuth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** By status: a JSON response's schema, a non-JSON body, or several alternatives (e.g. `?format=`). */
  responses: Partial<Record<200 | 201 | 202 | 204, ResponseSpec>>;
  /** Cacheable by shared caches (the default is `no-store`). */
  cacheable?: boolean;
  /** Answers with a redirect instead of a body (e.g. a mailed link's GET, which shows a page). */
  redirect?: { status: 303; description: string };
}

export interface ApiOperation extends OperationSpec {
  tag: string;
  method: HttpMethod;
  /** OpenAPI form: `{name}` for a path parameter. */
  path: string;
}

/** A module's operations keyed `"METHOD /path"`, so a typo in either is one obvious place. */
export function defineOperations(
  tag: string,
  operations: Record<`${HttpMethod} /${string}`, OperationSpec>,
): ApiOperation[] {
  return Object.entries(operations).map(([key, spec]) => {
    const [method, path] = key.split(" ") as [HttpMethod, string];
    return { ...spec, tag, method, path };
  });
}

/** An instant as every response writes it: RFC 3339, as Date.toISOString() prints it. */
export const instant = z.iso.datetime({ offset: true });

/** The RFC 9457 problem every 4xx and 5xx answers with (platform/http/problem.ts). */
export const problemSchema = z
  .object({
    type: z.string().describe("urn:terrane:problem:<code>"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    /** 400: each field that failed validation. */
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** 421: the tenant's home region and the instance that serves it. */
    home_region: z.string().optional(),
    home_url: z.string().optional(),
    /** 429: seconds until a retry may succeed. */
    retry_after: z.number().int().optional(),
    /** 500: quote it when reporting the error. */
    reference: z.string().optional(),
  })
  .catchall(z.unknown())
  .meta({ description: "An RFC 9457 problem document (application/problem+json)." });
