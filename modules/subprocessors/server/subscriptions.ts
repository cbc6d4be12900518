import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { ConflictError, NotFoundError, ServiceUnavailableError } from "@/platform/errors";
import { currentRegion } from "@/platform/region/registry";
import { emailEnabled } from "@/modules/notifications/server/email";
import { queueEmails, queuedSince } from "@/modules/notifications/server/outbox";
import { confirmationMail, confirmationSubject } from "@/modules/subprocessors/domain/subscription-mail";
import type { LinkState } from "@/modules/subprocessors/domain/subscription-page-words";
import { SUBSCRIBE_ACCEPTED, type SubscribeBody } from "@/modules/subprocessors/api-schemas/subscriptions";
import {
  confirmPageUrl,
  linkDigest,
  newConfirmSecret,
  unsubscribeHeaders,
  unsubscribePageUrl,
  unsubscribeSecret,
} from "@/modules/subprocessors/server/subscription-links";

/** At most one confirmation e-mail per address in this window: a form cannot be used to flood a mailbox. */
export const RESEND_AFTER_MS = 10 * 60_000;

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === "P2002" || code === "23505" || /unique constraint/i.test(String((err as Error)?.message ?? ""));
}

/**
 * Anyone asks for e-mail about the register's changes (double opt-in). The answer is the same
 * whatever the address's state, so it says nothing about who subscribes: a new address, a
 * waiting one (a fresh link replaces the old) or one that unsubscribed gets a confirmation
 * e-mail unless one was queued to it in the last 10 minutes; a confirmed one gets nothing.
 * Not audited: a subscriber's own preference is not a change to the register or to a tenant,
 * and an entry per anonymous request would let anyone write to the region's log.
 */
export async function subscribe(body: SubscribeBody): Promise<typeof SUBSCRIBE_ACCEPTED> {
  if (!emailEnabled()) {
    throw new ServiceUnavailableError(
      "This region does not send e-mail, so it takes no e-mail subscriptions. Follow the register's Atom feed (/subprocessors.atom) instead.",
      "email_unavailable",
    );
  }
  const region = currentRegion();
  const email = body.email;
  const db = await prisma();
  try {
    await db.$transaction(async (tx) => {
      const now = await databaseNow(tx);
      const existing = await tx.subprocessorSubscription.findUnique({
        where: { region_email: { region: region.id, email } },
        select: { id: true, state: true },
      });
      if (existing?.state === "confirmed") return;
      const subject = confirmationSubject(region);
      if (
        existing &&
        (await queuedSince(tx, { toAddress: email, subject, since: new Date(now.getTime() - RESEND_AFTER_MS) }))
      )
        return;
      const secret = newConfirmSecret();
      const id = existing?.id ?? randomUUID();
      const unsubscribe = unsubscribeSecret(region.id, id);
      if (existing) {
        await tx.subprocessorSubscription.update({
          where: { id },
          data: { state: "pending", confirmTokenHash: linkDigest(secret), confirmedAt: null, unsubscribedAt: null },
          select: { id: true },
        });
      } else {
        await tx.subprocessorSubscription.create({
          data: {
            id,
            region: region.id,
            email,
            confirmTokenHash: linkDigest(secret),
            unsubscribeHash: linkDigest(unsubscribe),
          },
          select: { id: true },
        });
      }
      const mail = confirmationMail({
        region,
        confirmUrl: confirmPageUrl(region.id, secret),
        unsubscribeUrl: unsubscribePageUrl(region.id, unsubscribe),
      });
      await queueEmails(tx, [{ toAddress: email, ...mail, headers: unsubscribeHeaders(region.id, unsubscribe) }]);
    });
  } catch (err) {
    // The same address asked twice at once: the other request created it and sends the e-mail.
    if (!isUniqueViolation(err)) throw err;
  }
  return SUBSCRIBE_ACCEPTED;
}

const UNKNOWN_LINK =
  "This link is not known here: it may be cut short, from another region, or replaced by a newer confirmation e-mail.";

async function findByLink(kind: "confirm" | "unsubscribe", token: string) {
  const db = await prisma();
  const digest = linkDigest(token);
  const row = await db.subprocessorSubscription.findUnique({
    where: kind === "confirm" ? { confirmTokenHash: digest } : { unsubscribeHash: digest },
    select: { id: true, region: true, email: true, state: true },
  });
  return row && row.region === currentRegion().id ? row : null;
}

/**
 * The confirmation link's button. Idempotent: a confirmed subscription stays confirmed. An
 * address that unsubscribed since is not re-subscribed by an old link (409).
 */
export async function confirmSubscription(token: string): Promise<{ state: "confirmed" }> {
  const row = await findByLink("confirm", token);
  if (!row) throw new NotFoundError(UNKNOWN_LINK, "subscription_link_unknown");
  if (row.state === "unsubscribed")
    throw new ConflictError(
      "This address unsubscribed after this link was sent. Subscribe again to receive a new link.",
      "subscription_ended",
    );
  if (row.state === "pending") {
    const db = await prisma();
    await db.subprocessorSubscription.updateMany({
      where: { id: row.id, state: "pending" },
      data: { state: "confirmed", confirmedAt: await databaseNow(db) },
    });
  }
  return { state: "confirmed" };
}

/** One-click unsubscribe (RFC 8058) and the page's button. Idempotent; works while pending too. */
export async function unsubscribe(token: string): Promise<{ state: "unsubscribed" }> {
  const row = await findByLink("unsubscribe", token);
  if (!row) throw new NotFoundError(UNKNOWN_LINK, "subscription_link_unknown");
  if (row.state !== "unsubscribed") {
    const db = await prisma();
    await db.subprocessorSubscription.updateMany({
      where: { id: row.id, state: { not: "unsubscribed" } },
      data: { state: "unsubscribed", unsubscribedAt: await databaseNow(db) },
    });
  }
  return { state: "unsubscribed" };
}

/** "a•••@example.com": enough for the mailbox's owner to recognise it, not to read it off a screen. */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "•••" : `${email[0]}•••${email.slice(at)}`;
}

/** What the page shows before its button is pressed (reads only). */
export async function subscriptionLink(
  kind: "confirm" | "unsubscribe",
  token: string,
): Promise<{ state: LinkState; address: string | null }> {
  const row = /^[A-Za-z0-9_-]{43}$/.test(token) ? await findByLink(kind, token) : null;
  if (!row) return { state: "unknown", address: null };
  return { state: row.state as LinkState, address: maskedEmail(row.email) };
}
