import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/platform/env";
import { allowedMethods, apiRouteFor } from "@/platform/http/api-methods";
import { problemJson, problemType } from "@/platform/http/problem-doc";

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Style attributes (positioning of menus and dialogs) need inline styles; scripts do not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** An API answer is data, never a document to render or frame. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Public data served outside /api: a feed, and /.well-known documents (next.config.mjs rewrites
 * those to their /api route, after this runs). Answered like the API: no session, no page CSP.
 */
const DATA_PATHS: Readonly<Record<string, string>> = {
  "/subprocessors.atom": "/subprocessors.atom",
  "/.well-known/jwks.json": "/api/v1/audit/jwks",
  "/.well-known/trust.json": "/api/v1/trust",
};

const isApiPath = (pathname: string) =>
  pathname === "/api" || pathname.startsWith("/api/") || Object.hasOwn(DATA_PATHS, pathname);

/** The methods Next routes at all; anything else (TRACE, CONNECT, made-up ones) is refused here. */
const HTTP_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]);

/**
 * Headers every answer carries, set here because next.config.mjs's headers() are fixed at
 * build time, and only here is it known whether this instance is served over https.
 */
function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
  };
  if ((env().NEXTAUTH_URL ?? "").startsWith("https://"))
    headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

function refuse(
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: Record<string, string> = {},
): Response {
  return problemJson(
    { type: problemType(code), title, status, detail, code },
    { ...securityHeaders(), "content-security-policy": API_CSP, ...extra },
  );
}

/**
 * What no route should ever see, answered cheaply as a problem: a path that is not UTF-8 once
 * percent-decoded (Next would fail decoding it with a plain-text error), NUL anywhere in the
 * path or query, a method Next does not route, and, for an API route, a method it does not
 * export (Next's own 405 is empty).
 */
function guard(request: NextRequest): Response | null {
  const { pathname, searchParams } = request.nextUrl;
  const method = request.method.toUpperCase();
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return refuse(400, "invalid_path", "Bad request", "The path is not valid UTF-8 once percent-decoded.");
  }
  if (decoded.includes("\u0000"))
    return refuse(400, "invalid_path", "Bad request", "The path contains a NUL character.");
  for (const [name, value] of searchParams) {
    if (name.includes("\u0000") || value.includes("\u0000"))
      return refuse(400, "invalid_query", "Bad request", "The query contains a NUL character.");
  }
  const route = pathname.startsWith("/api/")
    ? apiRouteFor(pathname)
    : Object.hasOwn(DATA_PATHS, pathname)
      ? apiRouteFor(DATA_PATHS[pathname]!)
      : null;
  const allow = route ? allowedMethods(route.methods) : null;
  if (!HTTP_METHODS.has(method) || (allow && !allow.includes(method))) {
    return refuse(
      405,
      "method_not_allowed",
      "Method not allowed",
      `${method.slice(0, 20)} is not allowed here.`,
      allow ? { allow: allow.join(", ") } : {},
    );
  }
  return null;
}

/**
 * Runs before every request but static assets. For pages: a fresh CSP nonce (Next applies it
 * to its own scripts; the root layout to its theme script), and the requested path for server
 * components, so a page for a tenant homed elsewhere redirects to the same path there and
 * sign-in returns to it. For everything: the guard above, and the security headers.
 */
export function proxy(request: NextRequest) {
  const refused = guard(request);
  if (refused) return refused;
  if (isApiPath(request.nextUrl.pathname)) {
    const response = NextResponse.next();
    for (const [name, value] of Object.entries({ ...securityHeaders(), "content-security-policy": API_CSP }))
      response.headers.set(name, value);
    return response;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-terrane-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
