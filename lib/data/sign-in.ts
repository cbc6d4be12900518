import "server-only";
import type { Actor, UserActor } from "@/lib/auth/actor";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { ThrottledError } from "@/lib/errors";
import { appendAudit } from "@/lib/data/audit";
import { prisma } from "@/lib/data/db";

export const THROTTLE = {
  /** Failed attempts allowed within the window before the account is locked. */
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

const anonymous: Actor = { type: "anonymous" };

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

type Reservation = { throttled: Date } | { failures: number };

/**
 * Counts this attempt before its password is checked, under a row lock, so that attempts
 * made at the same time cannot all read the same count and all be let through: at most
 * `maxFailures` passwords are ever checked per window, however many requests arrive at once.
 */
async function reserveAttempt(email: string, now: Date): Promise<Reservation> {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "sign_in_throttles" ("key", "failures", "window_start") VALUES (${email}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
    await tx.$queryRaw`SELECT "key" FROM "sign_in_throttles" WHERE "key" = ${email} FOR UPDATE`;
    const row = await tx.signInThrottle.findUniqueOrThrow({ where: { key: email } });
    if (row.lockedUntil && row.lockedUntil > now) return { throttled: row.lockedUntil };
    const lockOver = row.lockedUntil !== null;
    const inWindow = !lockOver && row.failures > 0 && now.getTime() - row.windowStart.getTime() < THROTTLE.windowMs;
    const failures = inWindow ? row.failures + 1 : 1;
    if (failures > THROTTLE.maxFailures) {
      const lockedUntil = new Date(now.getTime() + THROTTLE.lockMs);
      await tx.signInThrottle.update({ where: { key: email }, data: { lockedUntil } });
      return { throttled: lockedUntil };
    }
    await tx.signInThrottle.update({
      where: { key: email },
      data: { failures, windowStart: inWindow ? row.windowStart : now, lockedUntil: null },
    });
    return { failures };
  });
}

/**
 * Checks a password sign-in. Attempts are counted per account in the database, so every
 * replica of the region throttles together; each attempt, good or bad, is audited.
 */
export async function verifyCredentials(emailInput: string, password: string): Promise<SignedInUser | null> {
  const email = normaliseEmail(emailInput);
  const db = await prisma();
  const now = new Date();
  const reservation = await reserveAttempt(email, now);
  if ("throttled" in reservation) {
    await db.$transaction((tx) =>
      appendAudit(tx, { actor: anonymous, action: "sign_in.throttled", subject: `email:${email}`, outcome: "denied" }),
    );
    throw new ThrottledError(Math.ceil((reservation.throttled.getTime() - now.getTime()) / 1000));
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (ok && user && !user.disabledAt) {
    await db.$transaction(async (tx) => {
      await tx.signInThrottle.deleteMany({ where: { key: email } });
      await appendAudit(tx, {
        actor: { type: "system", name: "sign-in" },
        action: "sign_in.succeeded",
        subject: `user:${user.id}`,
        outcome: "success",
        details: { method: "password" },
      });
    });
    return { id: user.id, email: user.email, name: user.name };
  }

  const { failures } = reservation;
  const locked = failures >= THROTTLE.maxFailures;
  await db.$transaction(async (tx) => {
    if (locked) {
      await tx.signInThrottle.updateMany({ where: { key: email }, data: { lockedUntil: new Date(now.getTime() + THROTTLE.lockMs) } });
    }
    await appendAudit(tx, {
      actor: anonymous,
      action: "sign_in.failed",
      subject: `email:${email}`,
      outcome: "failure",
      details: { method: "password", failures, locked },
    });
  });
  return null;
}

/**
 * Maps an identity from the OIDC provider to a user of this region. Users are invited, not
 * created on first sign-in: an unknown identity is refused.
 */
export async function resolveOidcUser(profile: { sub: string; email?: string | null }): Promise<SignedInUser | null> {
  const db = await prisma();
  const select = { id: true, email: true, name: true, disabledAt: true, oidcSubject: true } as const;
  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { oidcSubject: profile.sub }, select });
    let linked = false;
    if (!user && profile.email) {
      const byEmail = await tx.user.findUnique({ where: { email: normaliseEmail(profile.email) }, select });
      if (byEmail && !byEmail.oidcSubject) {
        // First sign-in through the identity provider: link it, audited with the sign-in itself.
        user = await tx.user.update({ where: { id: byEmail.id }, data: { oidcSubject: profile.sub }, select });
        linked = true;
      }
    }
    const ok = Boolean(user && !user.disabledAt);
    await appendAudit(tx, {
      actor: user ? { type: "system", name: "sign-in" } : anonymous,
      action: ok ? "sign_in.succeeded" : "sign_in.failed",
      subject: user ? `user:${user.id}` : `oidc:${profile.sub}`,
      outcome: ok ? "success" : "failure",
      details: { method: "oidc", ...(linked ? { identity_linked: true } : {}) },
    });
    return ok && user ? { id: user.id, email: user.email, name: user.name } : null;
  });
}

/** The actor behind a session, re-read on every request so a disabled account stops at once. */
export async function loadSessionActor(userId: string): Promise<UserActor | null> {
  const db = await prisma();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, providerRole: true, employer: true, officeCountry: true, disabledAt: true },
  });
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
