/**
 * The route inventory: every page, every route-handler method and every server action in the
 * app must have an entry in the authorization matrix (e2e/authz-matrix.ts) with an expected
 * status for all seven roles, and the matrix must not name anything that does not exist.
 * e2e/authz.spec.ts then runs every entry against real instances.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTHZ_MATRIX, MATRIX_ROLES, type MatrixEntry } from "@/e2e/authz-matrix";
import { exportedMethods, inventory, matchesRoute, routePath, ROOT, serverActions } from "./helpers/routes";

export { exportedMethods, matchesRoute, METHODS, routePath, serverActions } from "./helpers/routes";

const APP = path.join(ROOT, "app");

const entryName = (e: MatrixEntry) =>
  e.kind === "action" ? `action ${e.name} in ${e.file}` : `${e.kind} ${e.method} ${e.path} (${e.concrete})`;

describe("route inventory", () => {
  const found = inventory();

  it("finds the app's routes (the scanner itself works)", () => {
    expect(found.pages).toContain("/t/[tenant]");
    expect(found.pages).toContain("/");
    expect(found.handlers).toContainEqual(expect.objectContaining({ path: "/api/health", method: "GET" }));
    expect(found.handlers).toContainEqual(expect.objectContaining({ path: "/api/auth/[...nextauth]", method: "POST" }));
    for (const h of found.handlers) expect(h.method, h.file).toMatch(/^[A-Z]+$/);
  });

  it("every page has a matrix entry", () => {
    const missing = found.pages.filter(
      (p) => !AUTHZ_MATRIX.some((e) => e.kind === "page" && e.path === p && e.method === "GET"),
    );
    expect(missing, `pages without an entry in e2e/authz-matrix.ts`).toEqual([]);
  });

  it("every route-handler method has a matrix entry", () => {
    const missing = found.handlers
      .filter((h) => !AUTHZ_MATRIX.some((e) => e.kind === "api" && e.path === h.path && e.method === h.method))
      .map((h) => `${h.method} ${h.path} (${h.file})`);
    expect(missing, `route handlers without an entry in e2e/authz-matrix.ts`).toEqual([]);
  });

  it("every server action has a matrix entry", () => {
    const anonymous = found.actions.filter((a) => a.name.startsWith("<anonymous"));
    expect(anonymous, "inline server actions must be named functions so the matrix can name them").toEqual([]);
    const missing = found.actions
      .filter((a) => !AUTHZ_MATRIX.some((e) => e.kind === "action" && e.file === a.file && e.name === a.name))
      .map((a) => `${a.name} (${a.file})`);
    expect(missing, `server actions without an entry in e2e/authz-matrix.ts`).toEqual([]);
  });

  it("every matrix entry names something that exists", () => {
    const stale = AUTHZ_MATRIX.filter((e) => {
      if (e.kind === "page") return !found.pages.includes(e.path);
      if (e.kind === "api") return !found.handlers.some((h) => h.path === e.path && h.method === e.method);
      return !found.actions.some((a) => a.file === e.file && a.name === e.name);
    }).map(entryName);
    expect(stale, "matrix entries for routes, methods or actions that do not exist").toEqual([]);
  });

  it("every matrix entry states an exact status for all seven roles and requests its own route", () => {
    for (const entry of AUTHZ_MATRIX) {
      const name = entryName(entry);
      expect(Object.keys(entry.expect).sort(), name).toEqual([...MATRIX_ROLES].sort());
      for (const role of MATRIX_ROLES) {
        const status = entry.expect[role];
        expect(Number.isInteger(status) && status >= 200 && status <= 599, `${name}: ${role} → ${status}`).toBe(true);
      }
      if (entry.kind !== "action")
        expect(matchesRoute(entry.path, entry.concrete), `${name}: concrete path does not fit the route`).toBe(true);
      expect(entry.note.length, `${name}: say what the entry proves`).toBeGreaterThan(0);
    }
  });
});

describe("inventory scanner", () => {
  it("maps files to routes, dropping groups and parallel slots, skipping private folders", () => {
    expect(routePath(path.join(APP, "(portal)/t/[tenant]/page.tsx"))).toBe("/t/[tenant]");
    expect(routePath(path.join(APP, "(public)/page.tsx"))).toBe("/");
    expect(routePath(path.join(APP, "@modal/(group)/x/page.tsx"))).toBe("/x");
    expect(routePath(path.join(APP, "_internal/page.tsx"))).toBeNull();
  });

  it("reads route-handler methods however they are exported", () => {
    expect(exportedMethods("export const GET = apiRoute({});\nexport async function POST() {}")).toEqual([
      "GET",
      "POST",
    ]);
    expect(exportedMethods("function h() {}\nexport { h as GET, h as POST }")).toEqual(["GET", "POST"]);
    expect(exportedMethods("export function DELETE() {}\nexport let PATCH = 1; export { PUT } from './x'")).toEqual([
      "DELETE",
      "PATCH",
      "PUT",
    ]);
    expect(exportedMethods("export const dynamic = 'force-dynamic';\n// export const POST = 1")).toEqual([]);
  });

  it("finds server actions in 'use server' files and in function bodies", () => {
    expect(
      serverActions(`"use server";\nexport async function approve() {}\nexport const deny = async () => {};`),
    ).toEqual(["approve", "deny"]);
    expect(serverActions(`// comment\n'use server'\nasync function a() {}\nexport { a as rotate }`)).toEqual([
      "rotate",
    ]);
    expect(
      serverActions(
        `export default function Page() {\n  async function save(form: FormData) {\n    "use server";\n  }\n}`,
      ),
    ).toEqual(["save"]);
    expect(serverActions(`const save = async (f: FormData) => {\n  'use server'\n}`)).toEqual(["save"]);
    expect(serverActions(`<form action={async () => { "use server"; }} />`)).toEqual(["<anonymous:1>"]);
    expect(serverActions(`export const x = "not use server here";`)).toEqual([]);
  });

  it("matches concrete requests to route patterns", () => {
    expect(matchesRoute("/t/[tenant]", "/t/northwind-eu")).toBe(true);
    expect(matchesRoute("/t/[tenant]", "/t/a/b")).toBe(false);
    expect(matchesRoute("/api/auth/[...nextauth]", "/api/auth/callback/credentials")).toBe(true);
    expect(matchesRoute("/api/auth/[...nextauth]", "/api/auth")).toBe(false);
    expect(matchesRoute("/", "/")).toBe(true);
    expect(matchesRoute("/users/[user]/tokens", "/users/{self}/tokens")).toBe(true);
    expect(matchesRoute("/signin", "/signin?callbackUrl=%2Ft")).toBe(true);
  });
});
