/**
 * Shared by the register's notification and subscription tests: a real SMTP server on a
 * loopback port, the instance's SMTP settings, a raw message read back, and an announced
 * change row to notify of.
 */
import { SMTPServer } from "smtp-server";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { closeEmailTransport } from "@/modules/notifications/server/email";
import { databaseNow } from "@/platform/db/db-time";
import { resetEnvCache } from "@/platform/env";
import type { SubprocessorEntry } from "@/modules/subprocessors/domain/model";
import { notifyChange, type ChangeEvent } from "@/modules/subprocessors/server/notify-change";
import type { FlaggedTenant } from "@/modules/subprocessors/server/impact";
import type { ChangeRow } from "@/modules/subprocessors/server/rows";

export function setSmtp(url: string | undefined, from = "Terrane <notifications@terrane.example>"): void {
  if (url) {
    process.env.SMTP_URL = url;
    process.env.SMTP_FROM = from;
  } else {
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
  }
  resetEnvCache();
  closeEmailTransport();
}

export interface Mail {
  to: string[];
  raw: string;
  /** Header names lower-cased, folded lines joined. */
  headers: Map<string, string>;
  /** The text part, quoted-printable undone. */
  text: string;
}

function parse(to: string[], raw: string): Mail {
  const split = raw.indexOf("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const text =
    headers.get("content-transfer-encoding") === "quoted-printable"
      ? body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      : body;
  return { to, raw, headers, text: Buffer.from(text, "latin1").toString("utf8") };
}

export interface Smtp {
  url: string;
  mails: Mail[];
  close(): Promise<void>;
}

export async function startSmtp(): Promise<Smtp> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push(
          parse(
            session.envelope.rcptTo.map((r) => r.address),
            Buffer.concat(chunks).toString("latin1"),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export function entry(overrides: Partial<SubprocessorEntry> = {}): SubprocessorEntry {
  return {
    id: "postbox-mail",
    name: "Postbox Mail",
    legal_entity: "Postbox Mail GmbH",
    service: "Transactional e-mail",
    purpose: "Sends account and notification e-mail.",
    data_classes: ["contact_details", "customer_pii"],
    locations: ["DE", "IE"],
    storage_regions: ["eu-central-1"],
    transfer_mechanism: "adequacy",
    scc_module: null,
    dpa_date: "2026-01-15",
    certifications: ["ISO 27001"],
    key_custody: [],
    website: null,
    status: "announced",
    effective_at: "2027-02-01T09:00:00.000Z",
    ...overrides,
  };
}

/** A change row as the lead's approval leaves it: announced, with its effective date. */
export async function announcedChange(prisma: PrismaClient, region: string, after = entry()): Promise<ChangeRow> {
  const now = await databaseNow(prisma);
  // One open change per subprocessor (the register's rule): each test starts its own.
  await prisma.subprocessorChange.deleteMany({ where: { subprocessorId: after.id } });
  return prisma.subprocessorChange.create({
    data: {
      region,
      subprocessorId: after.id,
      kind: "add",
      state: "announced",
      after: after as never,
      authorId: "author",
      reviewerId: "reviewer",
      reviewedAt: now,
      noticeDays: 30,
      effectiveAt: new Date(after.effective_at),
    },
  });
}

/** notifyChange in a transaction of its own, as the lead's approval calls it. */
export function notifyNow(
  prisma: PrismaClient,
  change: ChangeRow,
  event: ChangeEvent = "subprocessor.change_announced",
  flagged: FlaggedTenant[] = [],
): Promise<void> {
  return prisma.$transaction((tx) => notifyChange(tx, { change, event, flagged }));
}
