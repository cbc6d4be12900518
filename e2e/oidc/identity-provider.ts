import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import Provider, { type Account } from "oidc-provider";

/**
 * A real OpenID Connect provider (panva's oidc-provider, certified) running in the test
 * process. Its development interactions serve a login form (any password; the login names
 * the account) and a consent page. It knows only the identities passed in.
 */

export interface Identity {
  /** What the login form takes; also the subject (`sub`) the provider issues. */
  login: string;
  email: string;
  name: string;
  /** What the provider asserts in `email_verified`; true unless said otherwise. */
  emailVerified?: boolean;
}

export interface IdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Events seen by the provider, in order ("grant.success", "server_error", …). */
  events: string[];
  stop(): Promise<void>;
}

export async function startIdentityProvider(options: {
  port: number;
  redirectUri: string;
  identities: Identity[];
}): Promise<IdentityProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const clientId = "terrane-e2e";
  const clientSecret = randomBytes(24).toString("base64url");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "e2e-rs256", alg: "RS256", use: "sig" };
  const byLogin = new Map(options.identities.map((i) => [i.login, i]));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The relying party must prove it does PKCE: refuse any authorization request without it.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
    findAccount(_ctx, id): Account | undefined {
      const identity = byLogin.get(id);
      if (!identity) return undefined;
      return {
        accountId: identity.login,
        claims: () => ({
          sub: identity.login,
          email: identity.email,
          email_verified: identity.emailVerified ?? true,
          name: identity.name,
        }),
      };
    },
  });
  const events: string[] = [];
  for (const name of ["grant.success", "grant.error", "authorization.error", "server_error", "userinfo.error"]) {
    provider.on(name, () => events.push(name));
  }

  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    clientId,
    clientSecret,
    events,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
