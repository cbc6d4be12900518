import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import { env } from "@/platform/env";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import { isAuditAction, type AuditAction } from "@/modules/audit/domain/actions";

export type AuditOutcome = "success" | "failure" | "denied";

export interface AuditInput {
  actor: Actor;
  tenantId?: string | null;
  /** Only registered actions (modules/audit/domain/actions.ts): the page, the filter and the docs know them. */
  action: AuditAction;
  subject?: string | null;
  outcome: AuditOutcome;
  details?: Prisma.InputJsonObject;
}

/** An action missing from the registry: never written, and the change that wanted it fails. */
export class UnregisteredAuditActionError extends Error {
  constructor(action: unknown) {
    super(
      `Refusing to write the unregistered audit action ${JSON.stringify(action)}: add it to AUDIT_ACTIONS in modules/audit/domain/actions.ts.`,
    );
    this.name = "UnregisteredAuditActionError";
  }
}

/**
 * Appends one immutable entry. Always called with the transaction that makes the change, so
 * a rolled-back change leaves no entry and a committed one always has its entry.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const { actor } = input;
  // The type system checks every call site; this catches what it cannot (a cast, plain
  // JavaScript, a string from outside). Throwing fails the change's transaction with it.
  if (!isAuditAction(input.action)) throw new UnregisteredAuditActionError(input.action);
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
