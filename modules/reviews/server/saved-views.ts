import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { NotFoundError } from "@/platform/errors";
import { viewFilters, type SavedView, type ViewFilters } from "@/modules/reviews/api-schemas";

/**
 * A person's saved queue filters. They are that person's preference, not a change to anything
 * the region answers for, so they are not written to an audit log; each is read and deleted only
 * by its owner (looked up with the owner's id, never by id alone).
 */

function viewOf(row: { id: string; name: string; filters: unknown; createdAt: Date }): SavedView {
  const parsed = viewFilters.safeParse(row.filters);
  return {
    id: row.id,
    name: row.name,
    filters: parsed.success ? parsed.data : {},
    created_at: row.createdAt.toISOString(),
  };
}

export function listSavedViews(actor: Actor): Promise<{ views: SavedView[] }> {
  return withRegion(actor, "region.reviews.read", async ({ actor }) => {
    const db = await prisma();
    const rows = await db.reviewView.findMany({ where: { userId: actor.userId }, orderBy: { name: "asc" } });
    return { views: rows.map(viewOf) };
  });
}

/** Saves the filters under a name; saving under a name the person already uses replaces that view's filters. */
export function createSavedView(actor: Actor, body: { name: string; filters: ViewFilters }): Promise<SavedView> {
  return withRegion(actor, "region.reviews.read", async ({ actor }) => {
    const db = await prisma();
    const row = await db.reviewView.upsert({
      where: { userId_name: { userId: actor.userId, name: body.name } },
      create: { userId: actor.userId, name: body.name, filters: body.filters },
      update: { filters: body.filters },
    });
    return viewOf(row);
  });
}

export function deleteSavedView(actor: Actor, id: string): Promise<{ deleted: true }> {
  return withRegion(actor, "region.reviews.read", async ({ actor }) => {
    const db = await prisma();
    const done = await db.reviewView.deleteMany({ where: { id, userId: actor.userId } });
    if (done.count === 0) throw new NotFoundError("You have no such saved view.", "view_not_found");
    return { deleted: true as const };
  });
}
