import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/platform/env";
import { logger } from "@/platform/log/logger";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { currentRegion, regionUrl } from "@/platform/region/registry";
import { nextAttemptAfter } from "@/modules/notifications/domain/retry";

/** Whether this instance sends e-mail: SMTP_URL and SMTP_FROM are both set. */
export function emailEnabled(): boolean {
  const e = env();
  return Boolean(e.SMTP_URL && e.SMTP_FROM);
}

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ").trim();

/**
 * The plain-text message of a notification. It carries the portal path on this instance
 * (an ordinary URL that asks for sign-in as usual), never a link that signs anyone in.
 */
export function emailFor(input: { title: string; body: string; link: string | null }): {
  subject: string;
  body: string;
} {
  const region = currentRegion();
  const where = input.link ? regionUrl(region.id, input.link) : regionUrl(region.id, "/account/notifications");
  const lines = [
    input.title,
    "",
    input.body,
    "",
    `Open it in Terrane (${region.id}): ${where}`,
    "",
    "This link does not sign you in: Terrane asks who you are as usual.",
    `Your notifications: ${regionUrl(region.id, "/account/notifications")}`,
  ];
  return { subject: oneLine(`[Terrane] ${input.title}`).slice(0, 250), body: lines.join("\n") };
}

let transport: { url: string; transporter: Transporter } | undefined;

function transporter(url: string): Transporter {
  if (transport?.url !== url) {
    transport?.transporter.close();
    transport = {
      url,
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return transport.transporter;
}

/** For tests: drop the pooled SMTP connection. */
export function closeEmailTransport(): void {
  transport?.transporter.close();
  transport = undefined;
}

interface ClaimedEmail {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
  headers: unknown;
}

/**
 * The headers a queued e-mail may add, by name: RFC 8058's one-click unsubscribe pair (the
 * register's subscriber e-mails). Anything else in the column is dropped, and a value with a
 * line break or a non-ASCII character is never sent, so a row cannot inject headers.
 */
const ALLOWED_HEADERS = ["List-Unsubscribe", "List-Unsubscribe-Post"] as const;
const HEADER_VALUE = /^[\x20-\x7e]{1,900}$/;

export type EmailHeaders = Partial<Record<(typeof ALLOWED_HEADERS)[number], string>>;

/** `prepared`: sent as written (checked here), where nodemailer would otherwise encode the value. */
function extraHeaders(stored: unknown): Record<string, { prepared: boolean; value: string }> {
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return {};
  const row = stored as Record<string, unknown>;
  return Object.fromEntries(
    ALLOWED_HEADERS.flatMap((key) => {
      const value = row[key];
      return typeof value === "string" && HEADER_VALUE.test(value) ? [[key, { prepared: true, value }]] : [];
    }),
  );
}

const CLAIM_MS = 2 * 60_000;

/**
 * Sends the queued e-mails that are due at `now` (the database's clock unless a test says
 * otherwise), one at a time. A failure is logged and retried on the webhook schedule; after
 * the last attempt the e-mail is `dead`. Claimed with FOR UPDATE SKIP LOCKED so replicas share
 * the outbox. Returns what happened, for tests and logs.
 */
export async function sendDueEmails(options: { now?: Date; limit?: number } = {}): Promise<{
  sent: number;
  failed: number;
}> {
  const result = { sent: 0, failed: 0 };
  const e = env();
  if (!e.SMTP_URL || !e.SMTP_FROM) return result;
  const db = await prisma();
  const now = options.now ?? (await databaseNow(db));
  const claimed = await db.$queryRaw<ClaimedEmail[]>`
    UPDATE notification_emails SET locked_until = ${new Date(now.getTime() + CLAIM_MS)}
    WHERE id IN (
      SELECT id FROM notification_emails
      WHERE status IN ('pending', 'failed') AND next_attempt_at <= ${now}
        AND (locked_until IS NULL OR locked_until < ${now})
      ORDER BY next_attempt_at LIMIT ${options.limit ?? 20} FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, body, attempts, headers`;
  for (const mail of claimed) {
    const attempts = mail.attempts + 1;
    try {
      await transporter(e.SMTP_URL).sendMail({
        from: e.SMTP_FROM,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body,
        headers: extraHeaders(mail.headers),
      });
      await db.notificationEmail.update({
        where: { id: mail.id },
        data: { status: "sent", attempts, sentAt: now, lockedUntil: null, lastError: null },
        select: { id: true },
      });
      result.sent++;
    } catch (err) {
      const next = nextAttemptAfter(attempts, now);
      const message = err instanceof Error ? err.message.slice(0, 500) : "failed";
      logger().warn({ email: mail.id, attempts, err: message }, next ? "e-mail failed; will retry" : "e-mail given up");
      await db.notificationEmail.update({
        where: { id: mail.id },
        data: {
          status: next ? "failed" : "dead",
          attempts,
          lastError: message,
          nextAttemptAt: next ?? now,
          lockedUntil: null,
        },
        select: { id: true },
      });
      result.failed++;
    }
  }
  return result;
}
