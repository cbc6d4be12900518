import "server-only";
import { randomUUID } from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from "jose";
import { regionKey } from "@/modules/audit/server/signing-keys";
import { jwkKeyId } from "@/modules/audit/server/public-log";
import { env } from "@/platform/env";
import { CLOCK_SKEW_SECONDS, TOKEN_LIFETIME_SECONDS } from "@/modules/support/domain/model";

/** The JWS header `typ` and the audience: a grant token is good for nothing else. */
export const GRANT_TOKEN_TYPE = "terrane-support-grant+jwt";
export const GRANT_AUDIENCE = "terrane-support-access";

export function grantIssuer(): string {
  return `terrane:${env().REGION}`;
}

export interface GrantClaims {
  grant_id: string;
  tenant: string;
  tenant_id: string;
  scope: { stores: string[]; data_classes: string[]; access: string };
  reason: string;
  approvers: string[];
  grant_expires_at: string;
}

/** A compact JWS (EdDSA, the region's support-grant key) for a grant, living at most 15 minutes. */
export async function signGrantToken(input: {
  claims: GrantClaims;
  subject: string;
  notBefore: Date;
  expiresAt: Date;
  now: Date;
}): Promise<{ token: string; kid: string; expiresAt: Date }> {
  const key = await regionKey("support-grant");
  const kid = jwkKeyId(key);
  const iat = Math.floor(input.now.getTime() / 1000);
  const exp = Math.min(iat + TOKEN_LIFETIME_SECONDS, Math.floor(input.expiresAt.getTime() / 1000));
  const token = await new SignJWT({ ...input.claims })
    .setProtectedHeader({ alg: "EdDSA", kid, typ: GRANT_TOKEN_TYPE })
    .setIssuer(grantIssuer())
    .setAudience(GRANT_AUDIENCE)
    .setSubject(input.subject)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setNotBefore(Math.floor(input.notBefore.getTime() / 1000))
    .setExpirationTime(exp)
    .sign(key.privateKey);
  return { token, kid, expiresAt: new Date(exp * 1000) };
}

export type TokenCheck = { ok: true; claims: GrantClaims & JWTPayload } | { ok: false; code: string; reason: string };

function isGrantClaims(p: JWTPayload): p is GrantClaims & JWTPayload {
  const scope = p.scope as GrantClaims["scope"] | undefined;
  return (
    typeof p.grant_id === "string" &&
    typeof p.tenant === "string" &&
    typeof p.tenant_id === "string" &&
    typeof p.sub === "string" &&
    !!scope &&
    Array.isArray(scope.stores) &&
    Array.isArray(scope.data_classes)
  );
}

/** Verifies signature, type, issuer, audience and times (60 s of skew at most) against the region key. */
export async function verifyGrantToken(token: string, now: Date): Promise<TokenCheck> {
  const key = await regionKey("support-grant");
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ["EdDSA"],
      issuer: grantIssuer(),
      audience: GRANT_AUDIENCE,
      typ: GRANT_TOKEN_TYPE,
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: now,
      maxTokenAge: TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS,
    });
    if (typeof payload.iat === "number" && payload.iat > now.getTime() / 1000 + CLOCK_SKEW_SECONDS)
      return {
        ok: false,
        code: "clock_skew",
        reason: "The token was issued in the future beyond the 60 s of skew allowed.",
      };
    if (!isGrantClaims(payload)) return { ok: false, code: "invalid_token", reason: "The token is not a grant token." };
    return { ok: true, claims: payload };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired)
      return { ok: false, code: "token_expired", reason: "The token has expired; fetch a fresh one." };
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      if (err.claim === "nbf" || err.claim === "iat")
        return {
          ok: false,
          code: "clock_skew",
          reason: `The token is not valid yet (${err.claim}): more than 60 s of clock skew.`,
        };
      return { ok: false, code: "invalid_token", reason: `The token's ${err.claim} claim is not this region's.` };
    }
    if (err instanceof joseErrors.JWSSignatureVerificationFailed)
      return {
        ok: false,
        code: "bad_signature",
        reason: "The token's signature does not verify with this region's key.",
      };
    return {
      ok: false,
      code: "invalid_token",
      reason: "The token is not a well-formed grant token signed by this region.",
    };
  }
}
