import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { withRegion } from "@/platform/access/with-region";
import { tenantGate, type RequestOrigin } from "@/platform/access/with-tenant";
import { clientAddress } from "@/platform/auth/client-address";
import type { RegionAction, TenantAction } from "@/platform/policy/engine";
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

/** Where this page's request came from, for read models that record who read what. */
export async function pageOrigin(): Promise<RequestOrigin> {
  return { surface: "page", path: await requestPath(), ip: clientAddress(await headers()) };
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
    if (err instanceof ForbiddenError && err.code === "nda_required") {
      // An auditor who has not accepted the tenant's NDA yet: to it, and back here afterwards.
      const path = await requestPath();
      const slug = /^\/t\/([a-z0-9-]+)/.exec(path)?.[1];
      if (slug) redirect(`/t/${slug}/engagement?next=${encodeURIComponent(path)}`);
    }
    if (err instanceof ForbiddenError) forbidden();
    if (err instanceof UnauthenticatedError) redirect(signInUrl(await requestPath()));
    throw err;
  }
}

/**
 * The one gate of a tenant section, for its layout: above the section's loading boundary, so
 * that a refusal is a real HTTP status (307 to the home region, 404, 403), and once per
 * request whatever the number of layouts and pages that ask (the tenant itself is resolved
 * once per request by withTenant). The page's read models authorize their data again.
 */
export const sectionGate = cache(async (tenantSlug: string, action: TenantAction): Promise<void> => {
  const actor = await pageActor();
  const path = await requestPath();
  await pageCall(() => tenantGate(actor, tenantSlug, action, { surface: "page", path }));
});

/** The same for a region page of provider staff: a refusal above the loading boundary is a 403. */
export const regionGate = cache(async (action: RegionAction): Promise<void> => {
  const actor = await pageActor();
  await pageCall(() => withRegion(actor, action, () => undefined));
});
