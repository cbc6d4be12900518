import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import type { ReviewKind, ReviewState } from "@/modules/reviews/domain/kinds";

export interface SourceItem {
  id: string;
  state: ReviewState;
}

/**
 * The review items of one kind about a tenant's sources, by source id: for a source's own page
 * to link the item a compliance officer works on (the lineage links a violation's alert to its
 * item). One indexed read (kind, source id); sources without an item are absent from the map.
 */
export async function reviewItemsBySource(
  db: PrismaClient | Tx,
  tenantId: string,
  kind: ReviewKind,
  sourceIds: readonly string[],
): Promise<Map<string, SourceItem>> {
  if (sourceIds.length === 0) return new Map();
  // One array parameter, not one per id: a tenant may have more sources than a statement has parameters.
  const rows = await db.$queryRawUnsafe<{ id: string; source_id: string; state: string }[]>(
    `SELECT id, source_id, state FROM review_items WHERE tenant_id = $1 AND kind = $2 AND source_id = ANY($3::text[])`,
    tenantId,
    kind,
    [...sourceIds],
  );
  return new Map(rows.map((r) => [r.source_id, { id: r.id, state: r.state as ReviewState }]));
}
