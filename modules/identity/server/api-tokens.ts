import "server-only";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from "@/modules/identity/domain/token-secret";
import { BadRequestError, NotFoundError } from "@/platform/errors";
import type { UserAction } from "@/platform/policy/engine";
import { withUser } from "@/platform/access/with-user";
import type { ApiTokenView, CreateTokenInput } from "@/modules/identity/api-schemas";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";

export type { ApiTokenView } from "@/modules/identity/api-schemas";

const DAY_MS = 86_400_000;
// Writing last-used on every request would turn every read into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves "me" and checks the policy for `action` on that user's tokens. */
async function ownerFor(
  actor: Actor,
  userRef: string,
  action: UserAction,
): Promise<{ actor: UserActor; ownerId: string }> {
  // Another user's tokens, refused: "not found", so as not to reveal whether that user exists.
  return withUser(actor, userRef, action, async ({ actor: user, userId }) => {
    const db = await prisma();
    const exists = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!exists) throw new NotFoundError("No such user.", "user_not_found");
    return { actor: user, ownerId: userId };
  });
}

function view(t: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  tenant: { slug: string } | null;
}): ApiTokenView {
  const state = t.revokedAt ? "revoked" : t.expiresAt <= new Date() ? "expired" : "active";
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    tenant: t.tenant?.slug ?? null,
    created_at: t.createdAt.toISOString(),
    expires_at: t.expiresAt.toISOString(),
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
    revoked_at: t.revokedAt?.toISOString() ?? null,
    state,
  };
}

const VIEW_SELECT = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  tenant: { select: { slug: true } },
} as const;

/** Refuses (as not found) anyone who may not see `userRef`'s tokens; for page gates. */
export async function assertCanSeeTokens(actor: Actor, userRef: string): Promise<void> {
  await ownerFor(actor, userRef, "token.list");
}

export async function listApiTokens(actor: Actor, userRef: string): Promise<ApiTokenView[]> {
  const { ownerId } = await ownerFor(actor, userRef, "token.list");
  const db = await prisma();
  const tokens = await db.apiToken.findMany({
    where: { userId: ownerId },
    orderBy: { createdAt: "desc" },
    select: VIEW_SELECT,
  });
  return tokens.map(view);
}

/** Creates a token. The secret is returned here once and never again. */
export async function createApiToken(
  actor: Actor,
  userRef: string,
  input: CreateTokenInput,
): Promise<{ token: ApiTokenView; secret: string }> {
  const owner = await ownerFor(actor, userRef, "token.create");
  const db = await prisma();
  const user = await db.user.findUniqueOrThrow({ where: { id: owner.ownerId }, select: { providerRole: true } });
  let tenantId: string | null = null;
  let expiresAt = new Date(Date.now() + input.expires_in_days * DAY_MS);
  if (input.tenant === null) {
    if (!user.providerRole) {
      throw new BadRequestError(
        "Choose the tenant this token acts on; only provider staff hold provider tokens.",
        "tenant_required",
      );
    }
  } else {
    const membership = await db.membership.findFirst({
      where: {
        userId: owner.ownerId,
        tenant: { slug: input.tenant },
        OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
      },
      select: { tenantId: true, expiresAt: true },
    });
    if (!membership)
      throw new BadRequestError(`You are not a member of a tenant "${input.tenant}" in this region.`, "not_a_member");
    tenantId = membership.tenantId;
    // A token never outlives the membership it acts for.
    if (membership.expiresAt && membership.expiresAt < expiresAt) expiresAt = membership.expiresAt;
  }
  const secret = generateTokenSecret();
  const created = await db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: {
        userId: owner.ownerId,
        tenantId,
        name: input.name,
        prefix: secret.prefix,
        tokenHash: secret.hash,
        expiresAt,
      },
      select: VIEW_SELECT,
    });
    await appendAudit(tx, {
      actor: owner.actor,
      tenantId,
      action: "api_token.created",
      subject: `api_token:${token.id}`,
      outcome: "success",
      details: {
        owner_id: owner.ownerId,
        name: input.name,
        expires_at: expiresAt.toISOString(),
        scope: tenantId ? "tenant" : "provider",
      },
    });
    return token;
  });
  return { token: view(created), secret: secret.secret };
}

export async function revokeApiToken(actor: Actor, userRef: string, tokenId: string): Promise<ApiTokenView> {
  const owner = await ownerFor(actor, userRef, "token.revoke");
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, userId: owner.ownerId },
      select: { id: true, revokedAt: true, tenantId: true },
    });
    if (!token) throw new NotFoundError("No such token.", "token_not_found");
    if (token.revokedAt) {
      return view(await tx.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: VIEW_SELECT }));
    }
    const revoked = await tx.apiToken.update({
      where: { id: token.id },
      data: { revokedAt: new Date() },
      select: VIEW_SELECT,
    });
    await appendAudit(tx, {
      actor: owner.actor,
      tenantId: token.tenantId,
      action: "api_token.revoked",
      subject: `api_token:${token.id}`,
      outcome: "success",
      details: { owner_id: owner.ownerId },
    });
    return view(revoked);
  });
}

/** The actor behind a bearer token, or null when it is unknown, expired, revoked or its user disabled. */
export async function authenticateApiToken(secret: string): Promise<UserActor | null> {
  if (!looksLikeTokenSecret(secret)) return null;
  const db = await prisma();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashTokenSecret(secret) },
    select: {
      id: true,
      tenantId: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          providerRole: true,
          employer: true,
          officeCountry: true,
          disabledAt: true,
        },
      },
    },
  });
  const now = new Date();
  if (!token || token.revokedAt || token.expiresAt <= now || token.user.disabledAt) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now }, select: { id: true } });
  }
  return {
    type: "user",
    userId: token.user.id,
    email: token.user.email,
    name: token.user.name,
    providerRole: token.user.providerRole,
    employer: token.user.employer,
    officeCountry: token.user.officeCountry,
    via: "token",
    tokenId: token.id,
    tokenTenantId: token.tenantId,
  };
}
