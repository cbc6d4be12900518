import "server-only";
import type { Prisma, Tx } from "@/platform/db/transaction";
import type { EmailHeaders } from "@/modules/notifications/server/email";

/** An e-mail to queue: to a user (userId) or to a public subscriber, who has no account (null). */
export interface OutboxEmail {
  toAddress: string;
  subject: string;
  body: string;
  userId?: string | null;
  tenantId?: string | null;
  headers?: EmailHeaders;
}

// One INSERT of a few thousand rows stays well under PostgreSQL's 65,535 bind parameters.
const CHUNK = 1_000;

/**
 * Queues e-mails in the caller's transaction: they exist if and only if the change commits,
 * and the worker (email.ts) sends them. The caller decides whether this instance sends e-mail
 * at all (emailEnabled()). Returns how many were queued.
 */
export async function queueEmails(tx: Tx, emails: readonly OutboxEmail[]): Promise<number> {
  for (let i = 0; i < emails.length; i += CHUNK) {
    await tx.notificationEmail.createMany({
      data: emails.slice(i, i + CHUNK).map((e) => ({
        userId: e.userId ?? null,
        tenantId: e.tenantId ?? null,
        toAddress: e.toAddress,
        subject: e.subject,
        body: e.body,
        ...(e.headers ? { headers: e.headers as Prisma.InputJsonObject } : {}),
      })),
    });
  }
  return emails.length;
}

/** Whether an e-mail with this subject was queued to this address (of no user) since `since`. */
export async function queuedSince(
  tx: Tx,
  input: { toAddress: string; subject: string; since: Date },
): Promise<boolean> {
  const found = await tx.notificationEmail.findFirst({
    where: { toAddress: input.toAddress, userId: null, subject: input.subject, createdAt: { gte: input.since } },
    select: { id: true },
  });
  return found !== null;
}
