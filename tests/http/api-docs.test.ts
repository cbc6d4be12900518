/**
 * docs/api.md is the API's contract: every route-handler method in app/ must be named there,
 * as a code span `METHOD /path` with `{name}` for a path parameter (`GET|POST /path` for
 * several, escaped as `GET\|POST` inside a table), and every such span must name a route that
 * exists. An undocumented endpoint fails the build.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inventory, ROOT } from "../helpers/routes";

const METHOD = "(?:GET|POST|PUT|PATCH|DELETE)";

/** `GET|POST /api/v1/x/{id}?q=` spans of the document → [method, path] pairs (query dropped). */
export function documentedEndpoints(markdown: string): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  for (const m of markdown.matchAll(
    new RegExp("`(" + METHOD + "(?:\\\\?\\|" + METHOD + ")*) (/[^`\\s?]*)[^`]*`", "g"),
  )) {
    for (const method of m[1]!.split(/\\?\|/)) found.push({ method, path: m[2]! });
  }
  return found;
}

/** A route pattern of app/ as a regex over documented paths: `[x]` is `{name}` (also `{name}.json`, or a literal such as `me`), `[...x]` any rest of the path. */
function patternRegex(route: string): RegExp {
  const source = route
    .split("/")
    .slice(1)
    .map((segment) => {
      if (/^\[\.\.\.\w+\]$/.test(segment)) return "(?:/[^/]+)+";
      if (/^\[\w+\]$/.test(segment)) return "/(?:\\{[^}/]+\\}[^/{}]*|[^/{}]+)";
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
    })
    .join("");
  return new RegExp(`^${source}$`);
}

describe("docs/api.md names every endpoint", () => {
  const doc = readFileSync(path.join(ROOT, "docs/api.md"), "utf8");
  // The catch-all is the rule for unknown paths (documented under Errors), not an endpoint.
  const handlers = inventory().handlers.filter((h) => h.path !== "/api/[...unknown]");
  // Spans of /api paths, and of the few route handlers outside /api (a feed); not pages.
  const outsideApi = handlers.filter((h) => !h.path.startsWith("/api/"));
  const documented = documentedEndpoints(doc).filter(
    (d) => d.path.startsWith("/api/") || outsideApi.some((h) => patternRegex(h.path).test(d.path)),
  );

  it("reads spans as the document writes them", () => {
    expect(
      documentedEndpoints(
        "`GET|POST /api/v1/a/{t}/b?x=` and `DELETE /api/v1/c` but not `GET …/d`; | `GET\\|PUT /api/e` |",
      ),
    ).toEqual([
      { method: "GET", path: "/api/v1/a/{t}/b" },
      { method: "POST", path: "/api/v1/a/{t}/b" },
      { method: "DELETE", path: "/api/v1/c" },
      { method: "GET", path: "/api/e" },
      { method: "PUT", path: "/api/e" },
    ]);
    expect(patternRegex("/api/v1/users/[user]/tokens").test("/api/v1/users/me/tokens")).toBe(true);
    expect(patternRegex("/api/v1/users/[user]/tokens").test("/api/v1/users/{user}/tokens/x")).toBe(false);
  });

  it("every route-handler method in app/ appears as `METHOD /path`", () => {
    const missing = handlers
      .filter((h) => !documented.some((d) => d.method === h.method && patternRegex(h.path).test(d.path)))
      .map((h) => `${h.method} ${h.path}`);
    expect(missing, "endpoints docs/api.md does not name (write them as `METHOD /api/v1/…/{param}`)").toEqual([]);
  });

  it("every endpoint docs/api.md names exists", () => {
    const planned = doc.slice(doc.indexOf("## Planned"));
    const stale = documented
      .filter((d) => !planned.includes(d.path))
      .filter((d) => !handlers.some((h) => h.method === d.method && patternRegex(h.path).test(d.path)))
      .map((d) => `${d.method} ${d.path}`);
    expect(stale, "docs/api.md names endpoints app/ does not serve").toEqual([]);
  });
});
