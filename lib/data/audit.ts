import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/data/generated/prisma/client";
import type { Tx } from "@/lib/data/transaction";

export type AuditOutcome = "success" | "failure" | "denied";

export interface AuditInput {
  actor: Actor;
  tenantId?: string | null;
  action: string;
  subject?: string | null;
  outcome: AuditOutcome;
  details?: Prisma.InputJsonObject;
}

/**
 * Appends one immutable entry. Always called with the transaction that makes the change, so
 * a rolled-back change leaves no entry and a committed one always has its entry.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const { actor } = input;
  await tx.auditEntry.create({
    data: {
      region: env().REGION,
      actorType: actor.type === "user" ? (actor.via === "token" ? "api_token" : "user") : actor.type,
      actorId: actor.type === "user" ? actor.userId : actor.type === "system" ? actor.name : null,
      actorEmployer: actor.type === "user" ? actor.employer : null,
      actorCountry: actor.type === "user" ? actor.officeCountry : null,
      tenantId: input.tenantId ?? null,
      action: input.action,
      subject: input.subject ?? null,
      outcome: input.outcome,
      details: {
        ...(input.details ?? {}),
        ...(actor.type === "user" && actor.tokenId ? { token_id: actor.tokenId } : {}),
      },
      salt: randomBytes(16).toString("hex"),
    },
    select: { seq: true },
  });
}
