import "server-only";
import { z } from "zod";
import type { Actor, UserActor } from "@/lib/auth/actor";
import { requestActor } from "@/lib/auth/current-actor";
import { env } from "@/lib/env";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { parseJsonBody, parseWith, DEFAULT_BODY_LIMIT } from "@/lib/http/body";
import { problemFor } from "@/lib/http/problem";
import { currentRegion } from "@/lib/region/registry";

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
  handler: (ctx: ApiContext<Infer<PS>, Infer<QS>, Infer<BS>, Auth extends "required" ? UserActor : Actor>) => Promise<unknown>;
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
  throw new ForbiddenError("Cross-site requests with a browser session are refused; use an API token.", "cross_site_request");
}

/**
 * The one wrapper every API route handler uses: actor (API token or session) → parsed,
 * validated params, query and body → the lib/ call, which authorizes through the policy →
 * JSON, or an RFC 9457 problem for any error. Nothing reaches the handler unvalidated.
 */
export function apiRoute<
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  Auth extends AuthMode = "required",
>(options: ApiRouteOptions<PS, QS, BS, Auth>) {
  return async (request: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const actor: Actor = options.auth === "none" ? { type: "anonymous" } : await requestActor(request);
      if (options.auth === "required" && actor.type !== "user") throw new UnauthenticatedError();
      assertSameOrigin(request, actor);
      const rawParams = context?.params ? await context.params : {};
      const params = options.params ? parseWith(options.params, rawParams, "invalid_path") : undefined;
      const url = new URL(request.url);
      const query = options.query ? parseWith(options.query, Object.fromEntries(url.searchParams), "invalid_query") : undefined;
      const body = options.body ? await parseJsonBody(request, options.body, options.maxBodyBytes ?? DEFAULT_BODY_LIMIT) : undefined;
      const result = await options.handler({
        actor: actor as Auth extends "required" ? UserActor : Actor,
        params: params as Infer<PS>,
        query: query as Infer<QS>,
        body: body as Infer<BS>,
        request,
        path: `${url.pathname}${url.search}`,
      });
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "cache-control": "no-store", "x-terrane-region": currentRegion().id } });
    } catch (err) {
      return problemFor(err);
    }
  };
}
