import "server-only";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { hashPassword, verifyPassword } from "@/modules/identity/domain/password";
import { BadRequestError, ForbiddenError, NotFoundError, UnauthenticatedError } from "@/platform/errors";
import { authorize, type UserAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";
import { endAllSessions } from "@/modules/identity/server/user-sessions";

/**
 * Changes to an account that must end its sessions: a new password (the old one may have
 * leaked, and with it a session) and disabling the account. The sessions end in the same
 * transaction as the change, with audit entries for both.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

function allowed(actor: UserActor, action: UserAction, userId: string): boolean {
  return authorize(policyPrincipal(actor), action, { type: "User", id: userId }).allowed;
}

/** The signed-in user's new password; every session of theirs ends, this one included. */
export async function changeOwnPassword(
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<{ sessionsEnded: number }> {
  if (actor.type !== "user") throw new UnauthenticatedError();
  if (!allowed(actor, "user.password.change", actor.userId))
    throw new ForbiddenError("Change your password from a signed-in browser session.");
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
  if (!allowed(actor, "user.disable", userId)) {
    if (userId === actor.userId) throw new ForbiddenError("You cannot disable your own account.");
    throw new NotFoundError("No such user.", "user_not_found");
  }
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, disabledAt: true } });
    if (!user) throw new NotFoundError("No such user.", "user_not_found");
    if (user.disabledAt) return { sessionsEnded: 0 };
    await tx.user.update({ where: { id: userId }, data: { disabledAt: new Date() }, select: { id: true } });
    await appendAudit(tx, { actor, action: "user.disabled", subject: `user:${userId}`, outcome: "success" });
    return { sessionsEnded: await endAllSessions(tx, actor, userId, "user_disabled") };
  });
}
