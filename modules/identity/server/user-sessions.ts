import "server-only";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";
import type { Tx } from "@/platform/db/transaction";

/**
 * Browser sessions as server-side records. The session cookie (a next-auth JWT) carries the
 * record's id; the cookie is honoured only while the record is live, so sign-out, a password
 * change or a disabled account end a session at once instead of when its cookie expires.
 */

/** A session lasts this long from sign-in, however active (the record does not slide). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export type SessionEndReason = "sign_out" | "password_changed" | "user_disabled";

const sessionService: Actor = { type: "system", name: "sessions" };

export const SESSION_USER_SELECT = {
  id: true,
  email: true,
  name: true,
  providerRole: true,
  employer: true,
  officeCountry: true,
  disabledAt: true,
} as const;

type SessionUser = {
  id: string;
  email: string;
  name: string;
  providerRole: UserActor["providerRole"];
  employer: string | null;
  officeCountry: string | null;
  disabledAt: Date | null;
};

/** The actor a signed-in browser session of this user acts as; null for a missing or disabled user. */
export function sessionActorOf(user: SessionUser | null | undefined): UserActor | null {
  if (!user || user.disabledAt) return null;
  return {
    type: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    providerRole: user.providerRole,
    employer: user.employer,
    officeCountry: user.officeCountry,
    via: "session",
    tokenId: null,
    tokenTenantId: null,
  };
}

/** Starts a session for a user who has just signed in; returns its id for the cookie. */
export async function startSession(userId: string): Promise<string> {
  const db = await prisma();
  const now = new Date();
  return db.$transaction(async (tx) => {
    // The user's dead sessions go here, so the table holds about one row per live session.
    await tx.userSession.deleteMany({ where: { userId, expiresAt: { lte: now } } });
    const session = await tx.userSession.create({
      data: { userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: sessionService,
      action: "session.started",
      subject: `user:${userId}`,
      outcome: "success",
      details: { session_id: session.id },
    });
    return session.id;
  });
}

/**
 * The actor of a session cookie, or null when its record is unknown, revoked, expired, belongs
 * to someone else or its user is disabled. One query, on every request that uses the cookie.
 */
export async function liveSessionActor(sessionId: string, userId: string): Promise<UserActor | null> {
  const db = await prisma();
  const session = await db.userSession.findFirst({
    where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, user: { select: SESSION_USER_SELECT } },
  });
  return sessionActorOf(session?.user);
}

/** Ends one session (sign-out). Ending an ended or unknown session changes nothing. */
export async function endSession(sessionId: string, reason: SessionEndReason): Promise<boolean> {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const session = await tx.userSession.findFirst({
      where: { id: sessionId, revokedAt: null },
      select: { userId: true },
    });
    if (!session) return false;
    await tx.userSession.update({
      where: { id: sessionId },
      data: { revokedAt: new Date(), revokedReason: reason },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor: sessionService,
      action: "session.revoked",
      subject: `user:${session.userId}`,
      outcome: "success",
      details: { reason, session_id: sessionId, count: 1 },
    });
    return true;
  });
}

/**
 * Ends every live session of a user, inside the transaction that makes the change requiring
 * it (password change, account disabled), with its audit entry. Returns how many ended.
 */
export async function endAllSessions(tx: Tx, actor: Actor, userId: string, reason: SessionEndReason): Promise<number> {
  const now = new Date();
  const { count } = await tx.userSession.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now, revokedReason: reason },
  });
  await appendAudit(tx, {
    actor,
    action: "session.revoked",
    subject: `user:${userId}`,
    outcome: "success",
    details: { reason, count },
  });
  return count;
}
