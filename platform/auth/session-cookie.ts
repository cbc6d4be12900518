import "server-only";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/platform/env";
import { authSecret } from "@/platform/auth/secret";

/**
 * Reading the session cookie directly (instead of next-auth's getServerSession) works the same
 * for pages (next/headers cookies) and API handlers (the Request), needs no Next request
 * context, and lets the session's server-side record be checked on every request.
 */

export interface SessionClaims {
  uid: string;
  /** The server-side session record (modules/identity/server/user-sessions.ts). */
  sid: string;
  region: string;
}

/** Cookies carry the region in their name: several regional instances on one host must not overwrite each other's sessions. */
export function authCookieName(name: string): string {
  return `${cookiesAreSecure() ? "__Secure-" : ""}terrane-${env().REGION}.${name}`;
}

export function cookiesAreSecure(): boolean {
  return (env().NEXTAUTH_URL ?? "").startsWith("https://");
}

export function sessionCookieName(): string {
  return authCookieName("session-token");
}

/** `name=value` pairs of a Cookie header; the first of a repeated name wins. */
export function parseCookieHeader(header: string | null): { name: string; value: string }[] {
  if (!header) return [];
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, value: part.slice(eq + 1).trim() });
  }
  return out;
}

/** The session token among `cookies`, joining next-auth's chunks (`name.0`, `name.1`, …) of a large one. */
export function sessionTokenFrom(cookies: { name: string; value: string }[]): string | null {
  const name = sessionCookieName();
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .map((c) => ({ c, index: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : NaN }))
    .filter(({ index }) => Number.isInteger(index) && index >= 0)
    .sort((a, b) => a.index - b.index);
  return chunks.length ? chunks.map(({ c }) => c.value).join("") : null;
}

/** The claims of a session token this region issued, or null (bad seal, expired, another region, no session id). */
export async function sessionClaims(token: string | null): Promise<SessionClaims | null> {
  if (!token || token.length > 16_384) return null;
  let claims: Awaited<ReturnType<typeof decode>>;
  try {
    claims = await decode({ token, secret: authSecret() });
  } catch {
    return null; // not sealed with our secret, tampered with, or expired
  }
  const { uid, sid, region } = claims ?? {};
  if (typeof uid !== "string" || typeof sid !== "string" || region !== env().REGION) return null;
  return { uid, sid, region };
}

/** A session token as next-auth issues it at sign-in (for tests and tools that act as a browser). */
export function sealSessionToken(claims: SessionClaims, maxAgeSeconds: number): Promise<string> {
  return encode({ token: { ...claims, sub: claims.uid }, secret: authSecret(), maxAge: maxAgeSeconds });
}
