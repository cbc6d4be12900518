/**
 * The route inventory of app/: every page, every route-handler method (as the files export
 * them) and every server action. Shared by tests/route-inventory.test.ts (the authorization
 * matrix covers all of them), tests/http/api-docs.test.ts (docs/api.md names every endpoint)
 * and tests/http/hostile-input.test.ts (every handler survives hostile input).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
const APP = path.join(ROOT, "app");
/** Where server actions may be declared besides app/. */
const ACTION_DIRS = ["app", "components", "modules"].map((d) => path.join(ROOT, d));
const IGNORED_DIRS = new Set(["node_modules", "generated", ".next"]);

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return IGNORED_DIRS.has(name) ? [] : walk(full);
    return [full];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** `app/(portal)/t/[tenant]/page.tsx` → `/t/[tenant]`; null for private folders (`_x`), which never route. */
export function routePath(fileInApp: string): string | null {
  const segments = path.relative(APP, path.dirname(fileInApp)).split(path.sep).filter(Boolean);
  if (segments.some((s) => s.startsWith("_"))) return null;
  const routed = segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${routed.join("/")}`;
}

/** Strips comments so a commented-out export or directive does not count. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** The HTTP methods a route.ts exports, whichever way it exports them. */
export function exportedMethods(source: string): string[] {
  const code = withoutComments(source);
  const found = new Set<string>();
  const names = METHODS.join("|");
  for (const m of code.matchAll(new RegExp(`export\\s+(?:async\\s+)?function\\s*\\*?\\s*(${names})\\b`, "g")))
    found.add(m[1]!);
  for (const m of code.matchAll(new RegExp(`export\\s+(?:const|let|var)\\s+(${names})\\b`, "g"))) found.add(m[1]!);
  for (const m of code.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    for (const specifier of m[1]!.split(",")) {
      const exported = specifier
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (exported && (METHODS as readonly string[]).includes(exported)) found.add(exported);
    }
  }
  return [...found].sort();
}

/**
 * Server actions in a module: every exported function of a file that starts with
 * "use server", and every function whose body starts with it. An anonymous inline action
 * cannot be named in the matrix and is reported as `<anonymous:LINE>`.
 */
export function serverActions(source: string): string[] {
  const code = withoutComments(source);
  const directives = [...code.matchAll(/(["'])use server\1/g)];
  if (directives.length === 0) return [];
  const names = new Set<string>();
  let accounted = 0;
  if (/^\s*(["'])use server\1/.test(code)) {
    accounted += 1;
    for (const m of code.matchAll(/export\s+(?:default\s+)?(?:async\s+)?function\s+(\w+)/g)) names.add(m[1]!);
    for (const m of code.matchAll(/export\s+(?:const|let|var)\s+(\w+)/g)) names.add(m[1]!);
    for (const m of code.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const specifier of m[1]!.split(",")) {
        const exported = specifier
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim();
        if (exported) names.add(exported);
      }
    }
    if (/export\s+default\s+async\s*(?:\(|function\s*\()/.test(code)) names.add("default");
  }
  const inline = [
    /(?:async\s+)?function\s+(\w+)\s*\([^)]*\)\s*(?::\s*[^{]+)?\{\s*(["'])use server\2/g,
    /(?:const|let|var)\s+(\w+)\s*=\s*async\s*(?:\([^)]*\)|\w+)\s*(?::\s*[^=]+)?=>\s*\{\s*(["'])use server\2/g,
  ];
  for (const pattern of inline) {
    for (const m of code.matchAll(pattern)) {
      names.add(m[1]!);
      accounted += 1;
    }
  }
  for (const d of directives.slice(accounted)) {
    names.add(`<anonymous:${code.slice(0, d.index).split("\n").length}>`);
  }
  return [...names].sort();
}

export interface Inventory {
  pages: string[];
  handlers: { path: string; method: string; file: string }[];
  actions: { file: string; name: string }[];
}

export function inventory(): Inventory {
  const appFiles = walk(APP);
  const pages = appFiles
    .filter((f) => /^page\.(tsx|ts|jsx|js|mdx)$/.test(path.basename(f)))
    .map(routePath)
    .filter((p): p is string => p !== null);
  const handlers = appFiles
    .filter((f) => /^route\.(ts|tsx|js|mjs)$/.test(path.basename(f)))
    .flatMap((file) => {
      const route = routePath(file);
      if (!route) return [];
      const methods = exportedMethods(readFileSync(file, "utf8"));
      return methods.map((method) => ({ path: route, method, file: rel(file) }));
    });
  const actions = ACTION_DIRS.flatMap(walk)
    .filter((f) => /\.(ts|tsx|js|jsx|mjs)$/.test(f))
    .flatMap((file) => serverActions(readFileSync(file, "utf8")).map((name) => ({ file: rel(file), name })));
  return { pages: [...new Set(pages)].sort(), handlers, actions };
}

/** Does a concrete request path (placeholders allowed) fit a route pattern such as `/t/[tenant]`? */
export function matchesRoute(pattern: string, concrete: string): boolean {
  const pathOnly = concrete.split("?")[0]!;
  const source = pattern
    .split("/")
    .map((segment) => {
      if (/^\[\[\.\.\.\w+\]\]$/.test(segment)) return "(?:/[^/]+)*";
      if (/^\[\.\.\.\w+\]$/.test(segment)) return "(?:/[^/]+)+";
      if (/^\[\w+\]$/.test(segment)) return "/[^/]+";
      return segment === "" ? "" : `/${segment.replace(/[.*+?^${}()|\\]/g, "\\$&")}`;
    })
    .join("");
  return new RegExp(`^${source || "/"}$`).test(pathOnly);
}
