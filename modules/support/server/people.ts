import "server-only";
import type { PrismaClient, Tx } from "@/platform/db/transaction";

export interface PersonView {
  id: string;
  name: string;
  email: string;
}

/** People by id, for naming requesters, approvers and revokers; an id no longer known stays an id. */
export async function peopleById(
  db: PrismaClient | Tx,
  ids: Iterable<string | null>,
): Promise<Map<string, PersonView>> {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

export function personOf(people: Map<string, PersonView>, id: string): PersonView {
  return people.get(id) ?? { id, name: `User ${id.slice(0, 8)}`, email: "" };
}

export function maybePerson(people: Map<string, PersonView>, id: string | null): PersonView | null {
  return id ? personOf(people, id) : null;
}
