/**
 * "One gate per request": one render of a tenant's keys page (the tenant layout, the keys
 * section's layout and the page, rendered together as Next renders them) resolves the tenant
 * once and builds the tenant shell once, however many of them ask. The layouts and the page
 * are the real ones, reading a real session from a real database.
 *
 * Outside Next the test supplies what Next would: the request's cookies and headers (what
 * next/headers reads from Next's request store), React's per-request cache (which React's
 * server renderer installs for each render through the same internal hook used here), and
 * stand-ins for the client components the layouts and page return (they are not rendered).
 */
import * as React from "react";
import { encode, type JWT } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/modules/identity/server/auth-options";
import { authSecret } from "@/platform/auth/secret";
import { sessionCookieName } from "@/platform/auth/session-cookie";
import { SESSION_MAX_AGE_SECONDS } from "@/modules/identity/server/user-sessions";
import { gateCounts, type GateName } from "@/platform/access/gate-counters";
import { EU, useSeededRegion, type SeededRegion } from "../helpers/seeded-region";

const request = vi.hoisted(() => ({ cookies: [] as { name: string; value: string }[], path: "/" }));

vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => request.cookies,
    get: (name: string) => request.cookies.find((c) => c.name === name),
  }),
  headers: async () => new Headers({ "x-terrane-path": request.path }),
}));

// What Next's bundler gives server code for next/navigation (redirect, notFound, forbidden).
vi.mock("next/navigation", () => import("next/dist/client/components/navigation.react-server.js"));
// The views are client components (React contexts, hooks), which the server build of React
// cannot load outside Next's bundler; the render's data loading is what is measured here.
vi.mock("@/modules/keys/ui/keys-view", () => ({ KeysView: () => null }));
vi.mock("@/components/shell/nav-list", () => ({ NavList: () => null }));
vi.mock("@/modules/tenants/ui/tier-badge", () => ({ TierBadge: () => null }));
vi.mock("@/components/shell/app-frame", () => ({
  REGION_NAV_ID: "shell-region-nav",
  TENANT_NAV_ID: "shell-tenant-nav",
  AppFrame: ({ children }: { children: unknown }) => children,
  NavMenuButton: () => null,
}));

type JwtParams = Parameters<NonNullable<NonNullable<ReturnType<typeof authOptions>["callbacks"]>["jwt"]>>[0];

/** A browser session of `email`, as next-auth seals it after a good password. */
async function sessionCookie(world: SeededRegion, email: string): Promise<{ name: string; value: string }> {
  const id = await world.userId(email);
  const params = { token: { sub: id, email }, user: { id, email, name: email }, account: null, trigger: "signIn" };
  const token: JWT = await authOptions().callbacks!.jwt!(params as unknown as JwtParams);
  return {
    name: sessionCookieName(),
    value: await encode({ token, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS }),
  };
}

interface CacheDispatcher {
  getCacheForType<T>(create: () => T): T;
  /** Asked by React when an element is created during a render (dev builds); no owner here. */
  getOwner(): null;
}
const internals = (
  React as unknown as { __SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE: { A: CacheDispatcher | null } }
).__SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;

/** Runs `render` as one request: React's cache() shares answers within it, as in a Next render. */
async function asOneRequest<T>(render: () => Promise<T>): Promise<T> {
  const caches = new Map<() => unknown, unknown>();
  internals.A = {
    getCacheForType<C>(create: () => C): C {
      if (!caches.has(create)) caches.set(create, create());
      return caches.get(create) as C;
    },
    getOwner: () => null,
  };
  try {
    return await render();
  } finally {
    internals.A = null;
  }
}

async function counted(work: () => Promise<unknown>): Promise<Record<GateName, number>> {
  const before = gateCounts();
  await work();
  const after = gateCounts();
  return {
    tenantResolutions: after.tenantResolutions - before.tenantResolutions,
    shellBuilds: after.shellBuilds - before.shellBuilds,
  };
}

describe("one gate per request", () => {
  const world = useSeededRegion("embedded", "eu-central-1", { keys: true });

  beforeEach(async () => {
    request.cookies = [await sessionCookie(world, EU.northwindAdmin)];
    request.path = "/t/northwind-eu/keys";
  });
  afterEach(() => {
    internals.A = null;
  });

  it("a keys page render resolves the tenant once and builds its shell once", async () => {
    const { default: TenantLayout } = await import("@/app/(portal)/t/[tenant]/layout");
    const { default: KeysLayout } = await import("@/app/(portal)/t/[tenant]/keys/layout");
    const { default: KeysPage } = await import("@/app/(portal)/t/[tenant]/keys/page");
    const params = Promise.resolve({ tenant: "northwind-eu" });

    const render = () =>
      Promise.all([
        TenantLayout({ children: null, params }),
        KeysLayout({ children: null, params }),
        KeysPage({ params }),
      ]);
    expect(await counted(() => asOneRequest(render))).toEqual({ tenantResolutions: 1, shellBuilds: 1 });
    // A second request is a second gate: nothing is shared across requests.
    expect(await counted(() => asOneRequest(render))).toEqual({ tenantResolutions: 1, shellBuilds: 1 });
  });

  it("the page still gets the policy's answer for this caller (allowed_actions), from the one resolution", async () => {
    const { default: KeysPage } = await import("@/app/(portal)/t/[tenant]/keys/page");
    const page = await asOneRequest(() => KeysPage({ params: Promise.resolve({ tenant: "northwind-eu" }) }));
    expect((page.props as { allowedActions: string[] }).allowedActions).toEqual(["keys.read", "keys.manage"]);

    request.cookies = [await sessionCookie(world, EU.northwindViewer)];
    const viewer = await asOneRequest(() => KeysPage({ params: Promise.resolve({ tenant: "northwind-eu" }) }));
    expect((viewer.props as { allowedActions: string[] }).allowedActions).toEqual(["keys.read"]);
  });
});
