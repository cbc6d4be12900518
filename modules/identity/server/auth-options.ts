import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { TokenSet as OidcTokenSet } from "openid-client";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/platform/env";
import { ThrottledError } from "@/platform/errors";
import { clientAddress } from "@/platform/auth/client-address";
import { safeRedirectUrl } from "@/platform/auth/return-path";
import { authSecret } from "@/platform/auth/secret";
import { authCookieName, cookiesAreSecure } from "@/platform/auth/session-cookie";
import { resolveOidcUser, verifyCredentials } from "@/modules/identity/server/sign-in";
import { endSession, SESSION_MAX_AGE_SECONDS, startSession } from "@/modules/identity/server/user-sessions";

const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});

export { SESSION_MAX_AGE_SECONDS };

function oidcProvider(): NextAuthOptions["providers"] {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: e.OIDC_DISPLAY_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      // A conformant provider that also issues an access token puts scope claims such as
      // `email` in the UserInfo response only (OIDC Core 5.4): the ID token then carries just
      // `sub`. Ask UserInfo when the ID token lacks the email (openid-client checks its `sub`).
      userinfo: {
        async request({ client, tokens }) {
          // Typed by next-auth as plain parameters; at runtime it is openid-client's TokenSet.
          const set = tokens as OidcTokenSet;
          const claims = set.claims();
          return claims.email ? claims : { ...claims, ...(await client.userinfo(set)) };
        },
      },
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? profile.sub };
      },
    },
  ];
}

let cached: NextAuthOptions | undefined;

/**
 * next-auth for this region. Cookies carry the region in their name: several regional
 * instances on one host (the demo, a laptop) must not overwrite each other's sessions.
 */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const secure = cookiesAreSecure();
  const cookie = (name: string, httpOnly = true) => ({
    name: authCookieName(name),
    options: { httpOnly, sameSite: "lax" as const, path: "/", secure },
  });
  cached = {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    cookies: {
      sessionToken: cookie("session-token"),
      callbackUrl: cookie("callback-url"),
      csrfToken: cookie("csrf-token"),
      state: cookie("state"),
      nonce: cookie("nonce"),
      pkceCodeVerifier: cookie("pkce"),
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          try {
            return await verifyCredentials(parsed.data.email, parsed.data.password, clientAddress(req.headers ?? {}));
          } catch (err) {
            if (err instanceof ThrottledError) throw new Error(`throttled:${err.retryAfterSeconds}`, { cause: err });
            throw err;
          }
        },
      }),
      ...oidcProvider(),
    ],
    events: {
      // Runs after next-auth has checked the sign-out request's CSRF token.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid, "sign_out");
      },
    },
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "oidc") return true;
        // An address the provider says it has not verified must not claim an invited account.
        const unverified = (profile as { email_verified?: unknown } | undefined)?.email_verified === false;
        const email = unverified ? null : (profile?.email ?? user.email);
        const resolved = await resolveOidcUser({ sub: String(profile?.sub ?? user.id), email });
        if (!resolved) return "/signin?error=not_invited";
        user.id = resolved.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          // Sign-in: the cookie names a server-side session record, checked on every request.
          token.uid = user.id;
          token.region = e.REGION;
          token.sid = await startSession(user.id);
        }
        return token;
      },
      async redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      async session({ session, token }) {
        return { ...session, uid: typeof token.uid === "string" ? token.uid : undefined, region: token.region };
      },
    },
  };
  return cached;
}

export function oidcConfigured(): { name: string } | null {
  const e = env();
  return e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET ? { name: e.OIDC_DISPLAY_NAME } : null;
}
