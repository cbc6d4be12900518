import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import type { UserActor } from "@/platform/auth/actor";
import { sessionActor } from "@/modules/identity/server/current-actor";
import { ForbiddenError, NotFoundError, ResidencyError, UnauthenticatedError } from "@/platform/errors";

/** Path and query of the page being rendered (set by proxy.ts). */
export async function requestPath(): Promise<string> {
  return (await headers()).get("x-terrane-path") ?? "/";
}

function signInUrl(path: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(path)}`;
}

/** The signed-in user, or a redirect to sign-in that comes back here. */
export async function pageActor(): Promise<UserActor> {
  const actor = await sessionActor();
  if (actor.type !== "user") redirect(signInUrl(await requestPath()));
  return actor;
}

/**
 * Runs a lib/ call for a page and turns expected refusals into what a browser expects: a
 * tenant homed elsewhere → 307 to the same path there; not found → 404; forbidden → 403.
 */
export async function pageCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ResidencyError) redirect(err.homeUrl);
    if (err instanceof NotFoundError) notFound();
    if (err instanceof ForbiddenError) forbidden();
    if (err instanceof UnauthenticatedError) redirect(signInUrl(await requestPath()));
    throw err;
  }
}
