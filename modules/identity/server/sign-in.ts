import "server-only";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { addressBucket } from "@/platform/auth/client-address";
import { dummyPasswordHash, verifyPassword } from "@/modules/identity/domain/password";
import { ThrottledError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";
import { SESSION_USER_SELECT, sessionActorOf } from "@/modules/identity/server/user-sessions";
import {
  isAuditedCount,
  pruneExpired,
  reserveAttempt,
  restartWaits,
  settleSuccess,
  THROTTLE,
  throttleKeys,
} from "@/modules/identity/server/sign-in-throttle";

export { THROTTLE };

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

const anonymous: Actor = { type: "anonymous" };
const signInService: Actor = { type: "system", name: "sign-in" };

/** Audit subject of an attempt: the user, or (never the typed address) an unknown account. */
function subjectOf(user: { id: string } | null): string {
  return user ? `user:${user.id}` : "account:unknown";
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a password sign-in from client `address` (platform/auth/client-address.ts). Attempts are
 * counted in the database, so every replica of the region throttles together; an address that
 * failed too often is told to wait ("try again in N s"), the account itself is never locked.
 * Failures are audited per account at the 1st, 10th, 100th… in a window, not one entry each,
 * and an unknown e-mail address is never written down (only an HMAC of it). `clock` is for tests.
 */
export async function verifyCredentials(
  emailInput: string,
  password: string,
  address: string,
  clock: () => Date = () => new Date(),
): Promise<SignedInUser | null> {
  const now = clock();
  const email = normaliseEmail(emailInput);
  const db = await prisma();
  const keys = throttleKeys(email, addressBucket(address));
  const userSelect = { id: true, email: true, name: true, passwordHash: true, disabledAt: true } as const;

  // A refused attempt costs one short transaction and nothing else: floods stay cheap.
  const { reservation, user } = await db.$transaction(async (tx) => {
    const reserved = await reserveAttempt(tx, keys, now);
    if (!reserved.admitted) return { reservation: reserved, user: null };
    const found = await tx.user.findUnique({ where: { email }, select: userSelect });
    for (const wait of reserved.waits) {
      await appendAudit(tx, {
        actor: anonymous,
        action: "sign_in.throttled",
        subject: wait.scope === "address" ? `address:${keys.addressRef}` : subjectOf(found),
        outcome: "denied",
        details: {
          method: "password",
          scope: wait.scope,
          failures: wait.failures,
          wait_seconds: wait.waitSeconds,
          account_ref: keys.accountRef,
        },
      });
    }
    await pruneExpired(tx, now);
    return { reservation: reserved, user: found };
  });
  if (!reservation.admitted) throw new ThrottledError(reservation.retryAfterSeconds);

  // Always one scrypt, against a dummy hash for unknown accounts: timing does not tell them apart.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (ok && user && !user.disabledAt) {
    await db.$transaction(async (tx) => {
      await settleSuccess(tx, keys);
      await appendAudit(tx, {
        actor: signInService,
        action: "sign_in.succeeded",
        subject: `user:${user.id}`,
        outcome: "success",
        details: { method: "password" },
      });
    });
    return { id: user.id, email: user.email, name: user.name };
  }

  // A wait runs from the answer, not from the reservation: however long the check took, the
  // next try really waits the time the person is told.
  if (reservation.waits.length > 0) await db.$transaction((tx) => restartWaits(tx, keys, reservation.waits, clock()));

  const count = reservation.accountFailures;
  if (isAuditedCount(count)) {
    await db.$transaction((tx) =>
      appendAudit(tx, {
        actor: anonymous,
        action: "sign_in.failed",
        subject: subjectOf(user),
        outcome: "failure",
        details: {
          method: "password",
          count,
          window_minutes: THROTTLE.windowMs / 60_000,
          account_ref: keys.accountRef,
        },
      }),
    );
  }
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

/**
 * The actor a session of this user carries (for tests and tools). Requests resolve theirs with
 * liveSessionActor (modules/identity/server/user-sessions.ts), which also needs the session record to be live.
 */
export async function loadSessionActor(userId: string): Promise<UserActor | null> {
  const db = await prisma();
  return sessionActorOf(await db.user.findUnique({ where: { id: userId }, select: SESSION_USER_SELECT }));
}
