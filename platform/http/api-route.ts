import "server-only";
import { z } from "zod";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { requestActor } from "@/modules/identity/server/current-actor";
import { env } from "@/platform/env";
import { BadRequestError, ForbiddenError, UnauthenticatedError } from "@/platform/errors";
import { parseJsonBody, parseWith, DEFAULT_BODY_LIMIT } from "@/platform/http/body";
import { unsafeTextReason } from "@/platform/schema/json-scan";
import { problemFor } from "@/platform/http/problem";
import { currentRegion } from "@/platform/region/registry";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface ApiContext<P, Q, B, A> {
  actor: A;
  params: P;
  query: Q;
  body: B;
  request: Request;
  /** Path and query of the request, for redirects to another region. */
  path: string;
}

/**
 * "required": a signed-in user or a valid API token. "public": anyone, but a sent credential
 * is still checked. "none": identity is irrelevant and not even looked up (health, public
 * registers), so those keep answering when the credential store does not.
 */
type AuthMode = "required" | "public" | "none";

interface ApiRouteOptions<PS, QS, BS, Auth extends AuthMode> {
  auth: Auth;
  params?: PS;
  query?: QS;
  body?: BS;
  maxBodyBytes?: number;
  handler: (
    ctx: ApiContext<Infer<PS>, Infer<QS>, Infer<BS>, Auth extends "required" ? UserActor : Actor>,
  ) => Promise<unknown>;
}

/** Refuses a cookie-authenticated write that did not come from this instance's own pages. */
function assertSameOrigin(request: Request, actor: Actor): void {
  if (actor.type !== "user" || actor.via !== "session") return;
  if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return;
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  const own = [new URL(request.url).origin, env().NEXTAUTH_URL ? new URL(env().NEXTAUTH_URL as string).origin : null];
  if (fetchSite === "same-origin") return;
  if (origin && own.includes(origin)) return;
  throw new ForbiddenError(
    "Cross-site requests with a browser session are refused; use an API token.",
    "cross_site_request",
  );
}

/** The names a query schema takes: the keys of its object (through refinements and pipes). */
function queryNames(schema: Schema | undefined): ReadonlySet<string> {
  if (!schema) return new Set();
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodPipe) return queryNames(schema.in as Schema);
  throw new Error("An API route's query schema must be a z.object: its keys are the parameters the route takes.");
}

/**
 * Path parameters as Next decoded them: any NUL or unpaired surrogate (`%00`, or a handler
 * called with such a string) is refused before a schema or the database sees it.
 */
function checkPathText(raw: Record<string, string | string[]>): void {
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const reason = typeof v === "string" ? unsafeTextReason(v) : null;
      if (reason) throw new BadRequestError(`${name}: contains a ${reason}.`, "invalid_path");
    }
  }
}

/**
 * The query, strictly: only the parameters the route's schema names (none without a schema),
 * each at most once, and no NUL or unpaired surrogate. One place, so no route can forget it.
 */
function strictQuery(url: URL, names: ReadonlySet<string>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!names.has(name)) {
      const taken = [...names].sort();
      throw new BadRequestError(
        `Unknown query parameter ${JSON.stringify(name.slice(0, 40))}; ${taken.length > 0 ? `this endpoint takes ${taken.join(", ")}` : "this endpoint takes no query parameters"}.`,
        "invalid_query",
      );
    }
    if (Object.hasOwn(query, name)) throw new BadRequestError(`${name}: given more than once.`, "invalid_query");
    const reason = unsafeTextReason(value);
    if (reason) throw new BadRequestError(`${name}: contains a ${reason}.`, "invalid_query");
    query[name] = value;
  }
  return query;
}

/**
 * The one wrapper every API route handler uses: actor (API token or session) → parsed,
 * validated params, query (strict: unknown parameters are refused) and body (bounded depth,
 * text a database can hold) → the lib/ call, which authorizes through the policy → JSON, or an
 * RFC 9457 problem for any error. Nothing reaches the handler unvalidated.
 */
export function apiRoute<
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  Auth extends AuthMode = "required",
>(options: ApiRouteOptions<PS, QS, BS, Auth>) {
  const names = queryNames(options.query);
  return async (
    request: Request,
    context: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    try {
      const actor: Actor = options.auth === "none" ? { type: "anonymous" } : await requestActor(request);
      if (options.auth === "required" && actor.type !== "user") throw new UnauthenticatedError();
      assertSameOrigin(request, actor);
      const rawParams = context?.params ? await context.params : {};
      checkPathText(rawParams);
      const params = options.params ? parseWith(options.params, rawParams, "invalid_path") : undefined;
      const url = new URL(request.url);
      const rawQuery = strictQuery(url, names);
      const query = options.query ? parseWith(options.query, rawQuery, "invalid_query") : undefined;
      const body = options.body
        ? await parseJsonBody(request, options.body, options.maxBodyBytes ?? DEFAULT_BODY_LIMIT)
        : undefined;
      const result = await options.handler({
        actor: actor as Auth extends "required" ? UserActor : Actor,
        params: params as Infer<PS>,
        query: query as Infer<QS>,
        body: body as Infer<BS>,
        request,
        path: `${url.pathname}${url.search}`,
      });
      if (result instanceof Response) return result;
      return Response.json(result, {
        headers: { "cache-control": "no-store", "x-terrane-region": currentRegion().id },
      });
    } catch (err) {
      return problemFor(err);
    }
  };
}
