import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import { env } from "@/platform/env";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";

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
  const details: Prisma.InputJsonObject = {
    ...(input.details ?? {}),
    ...(actor.type === "user" && actor.tokenId ? { token_id: actor.tokenId } : {}),
  };
  // One plain INSERT: every state change in the product pays for it, and Prisma's create costs
  // several times the client CPU of a raw statement. `at` and `seq` come from the database.
  await tx.$executeRaw`
    INSERT INTO "audit_entries"
      ("id", "region", "actor_type", "actor_id", "actor_employer", "actor_country", "tenant_id", "action", "subject", "outcome", "details", "salt")
    VALUES (
      ${randomUUID()}, ${env().REGION},
      ${actor.type === "user" ? (actor.via === "token" ? "api_token" : "user") : actor.type},
      ${actor.type === "user" ? actor.userId : actor.type === "system" ? actor.name : null},
      ${actor.type === "user" ? actor.employer : null},
      ${actor.type === "user" ? actor.officeCountry : null},
      ${input.tenantId ?? null}, ${input.action}, ${input.subject ?? null}, ${input.outcome},
      ${JSON.stringify(details)}::jsonb, ${randomBytes(16).toString("hex")}
    )`;
}
