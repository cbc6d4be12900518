import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { hashPassword, verifyPassword } from "@/modules/identity/domain/password";
import { BadRequestError, NotFoundError, UnauthenticatedError } from "@/platform/errors";
import { withUser } from "@/platform/access/with-user";
import { appendAudit } from "@/modules/audit/server/append";
import { revokeRequesterGrants } from "@/modules/support/server/revocation";
import { prisma } from "@/platform/db/db";
import { endAllSessions } from "@/modules/identity/server/user-sessions";

/**
 * Changes to an account that must end its sessions: a new password (the old one may have
 * leaked, and with it a session) and disabling the account. The sessions end in the same
 * transaction as the change, with audit entries for both.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** The signed-in user's new password; every session of theirs ends, this one included. */
export async function changeOwnPassword(
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<{ sessionsEnded: number }> {
  if (actor.type !== "user") throw new UnauthenticatedError();
  // Refused (an API token, not a browser session): 403 with why.
  await withUser(actor, "me", "user.password.change", () => undefined);
  if (newPassword.length < PASSWORD_MIN_LENGTH || newPassword.length > PASSWORD_MAX_LENGTH) {
    throw new BadRequestError(
      `The new password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`,
      "invalid_password",
    );
  }
  const db = await prisma();
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user?.passwordHash)
    throw new BadRequestError("This account signs in through single sign-on and has no password.", "no_password");
  if (!(await verifyPassword(currentPassword, user.passwordHash)))
    throw new BadRequestError("The current password is wrong.", "wrong_password");
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash }, select: { id: true } });
    await appendAudit(tx, {
      actor,
      action: "user.password_changed",
      subject: `user:${actor.userId}`,
      outcome: "success",
    });
    return { sessionsEnded: await endAllSessions(tx, actor, actor.userId, "password_changed") };
  });
}

/** Disables an account: it cannot sign in, its sessions end now and its API tokens stop working. */
export async function disableUser(actor: Actor, userId: string): Promise<{ sessionsEnded: number }> {
  if (actor.type !== "user") throw new UnauthenticatedError();
  // Refused: one's own account is a 403 with why; anyone else's a 404 that reveals nothing.
  await withUser(actor, userId, "user.disable", () => undefined);
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, disabledAt: true } });
    if (!user) throw new NotFoundError("No such user.", "user_not_found");
    if (user.disabledAt) return { sessionsEnded: 0 };
    await tx.user.update({ where: { id: userId }, data: { disabledAt: new Date() }, select: { id: true } });
    await appendAudit(tx, { actor, action: "user.disabled", subject: `user:${userId}`, outcome: "success" });
    // Support-access grants end with the account that holds them.
    await revokeRequesterGrants(tx, userId, actor);
    return { sessionsEnded: await endAllSessions(tx, actor, userId, "user_disabled") };
  });
}
