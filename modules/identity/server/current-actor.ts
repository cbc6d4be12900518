import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { Actor } from "@/platform/auth/actor";
import { parseCookieHeader, sessionClaims, sessionTokenFrom } from "@/platform/auth/session-cookie";
import { UnauthenticatedError } from "@/platform/errors";
import { authenticateApiToken } from "@/modules/identity/server/api-tokens";
import { liveSessionActor } from "@/modules/identity/server/user-sessions";

const anonymous: Actor = { type: "anonymous" };

/**
 * The actor of a session cookie: only while its server-side record is live, so a cookie kept
 * after sign-out (or a password change, or the account being disabled) opens nothing.
 */
async function actorFromCookies(jar: { name: string; value: string }[]): Promise<Actor> {
  const claims = await sessionClaims(sessionTokenFrom(jar));
  if (!claims) return anonymous;
  return (await liveSessionActor(claims.sid, claims.uid)) ?? anonymous;
}

/**
 * The actor of the browser session of the page being rendered, or anonymous. Once per request:
 * every layout and page of a render asks, and each answer would otherwise be a database read.
 */
export const sessionActor = cache(async (): Promise<Actor> => actorFromCookies((await cookies()).getAll()));

/**
 * The actor of an API request: a bearer token if one is sent (and then only the token, so a
 * bad token is never silently replaced by a cookie), otherwise the browser session.
 */
export async function requestActor(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1])
      throw new UnauthenticatedError("The Authorization header must be `Bearer <token>`.", "invalid_token");
    const actor = await authenticateApiToken(match[1]);
    if (!actor) throw new UnauthenticatedError("The API token is unknown, expired or revoked.", "invalid_token");
    return actor;
  }
  return actorFromCookies(parseCookieHeader(request.headers.get("cookie")));
}
