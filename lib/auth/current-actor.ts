import "server-only";
import { getServerSession } from "next-auth";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/options";
import { UnauthenticatedError } from "@/lib/errors";
import { authenticateApiToken } from "@/lib/data/api-tokens";
import { loadSessionActor } from "@/lib/data/sign-in";

/** The actor of the browser session, or anonymous. */
export async function sessionActor(): Promise<Actor> {
  const session = (await getServerSession(authOptions())) as { uid?: string; region?: string } | null;
  if (!session?.uid || session.region !== env().REGION) return { type: "anonymous" };
  return (await loadSessionActor(session.uid)) ?? { type: "anonymous" };
}

/**
 * The actor of an API request: a bearer token if one is sent (and then only the token, so a
 * bad token is never silently replaced by a cookie), otherwise the browser session.
 */
export async function requestActor(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new UnauthenticatedError("The Authorization header must be `Bearer <token>`.", "invalid_token");
    const actor = await authenticateApiToken(match[1]);
    if (!actor) throw new UnauthenticatedError("The API token is unknown, expired or revoked.", "invalid_token");
    return actor;
  }
  return sessionActor();
}
