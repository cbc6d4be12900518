import "server-only";
import { systemActorName } from "@/modules/audit/domain/actors";
import type { Prisma, PrismaClient } from "@/platform/db/generated/prisma/client";

/**
 * Why a key is in its state: the lifecycle event that put it there, who did it (by name) and
 * when. Read from `key_events`, the same rows the timeline shows.
 */

/** The key events that set a key's state, and the state each leaves it in. */
export const STATE_EVENTS = {
  created: "enabled",
  enabled: "enabled",
  disabled: "disabled",
  deletion_scheduled: "pending_deletion",
  deletion_cancelled: "disabled",
  destroyed: "destroyed",
} as const;

export type StateChangeReason = keyof typeof STATE_EVENTS;

export interface ActorRef {
  /** `user` (a person) or `system` (Terrane's own work: the deletion job, a residency drill). */
  type: "user" | "system";
  /** The user id, or the system component (`key-deletion`, `residency-drill`). */
  id: string | null;
  /** The person's name, or the component in words ("Key deletion job"). */
  name: string;
}

export interface StateChange {
  at: string;
  reason: StateChangeReason;
  by: ActorRef | null;
}

interface EventRow {
  keyId: string;
  at: Date;
  type: string;
  actorType: string;
  actorId: string | null;
  details: Prisma.JsonValue;
}

const DRILL_SYSTEM_ID = "residency-drill";

/** A drill's own key changes are recorded with no actor id, only the drill they belong to. */
function systemId(e: { actorId: string | null; details: Prisma.JsonValue }): string | null {
  if (e.actorId) return e.actorId;
  const d = e.details as { drill_id?: unknown } | null;
  return d && typeof d === "object" && typeof d.drill_id === "string" ? DRILL_SYSTEM_ID : null;
}

/** Names for the actors of some key events: one query for the people among them. */
export async function actorRefs(
  db: PrismaClient,
  events: { actorType: string; actorId: string | null; details: Prisma.JsonValue }[],
): Promise<(ActorRef | null)[]> {
  const userIds = [...new Set(events.filter((e) => e.actorType === "user" && e.actorId).map((e) => e.actorId!))];
  const people = userIds.length
    ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  return events.map((e): ActorRef | null => {
    if (e.actorType === "user") {
      if (!e.actorId) return null;
      return { type: "user", id: e.actorId, name: names.get(e.actorId) ?? "A user no longer known" };
    }
    if (e.actorType === "system") {
      const id = systemId(e);
      if (id === DRILL_SYSTEM_ID) return { type: "system", id, name: "Residency drill" };
      return { type: "system", id, name: id ? systemActorName(id) : "Terrane" };
    }
    return null;
  });
}

/**
 * For each key, the latest event that set its state, when that is the state the key is in now
 * (null otherwise: a key whose state was set without an event, which nothing does today).
 */
export async function stateChanges(
  db: PrismaClient,
  keys: { id: string; state: string }[],
): Promise<Map<string, StateChange | null>> {
  const out = new Map<string, StateChange | null>();
  if (keys.length === 0) return out;
  // The latest state event of each key, in one query.
  const found = await db.$queryRaw<EventRow[]>`
    SELECT DISTINCT ON (key_id) key_id AS "keyId", at, type, actor_type AS "actorType", actor_id AS "actorId", details
      FROM key_events
     WHERE key_id = ANY(${keys.map((k) => k.id)}::text[]) AND type = ANY(${Object.keys(STATE_EVENTS)}::text[])
     ORDER BY key_id, at DESC`;
  const refs = await actorRefs(db, found);
  const byKey = new Map(found.map((e, i) => [e.keyId, { e, by: refs[i] ?? null }]));
  for (const k of keys) {
    const hit = byKey.get(k.id);
    const reason = hit?.e.type as StateChangeReason | undefined;
    out.set(
      k.id,
      hit && reason && STATE_EVENTS[reason] === k.state ? { at: hit.e.at.toISOString(), reason, by: hit.by } : null,
    );
  }
  return out;
}
