import "server-only";
import type { PrismaClient } from "@/platform/db/transaction";
import { NotFoundError } from "@/platform/errors";
import { currentRegion } from "@/platform/region/registry";
import { jwkKeyId } from "@/modules/audit/server/public-log";
import { regionKey } from "@/modules/audit/server/signing-keys";
import { snapshotUrl } from "@/modules/subprocessors/server/public-register";
import { SNAPSHOT_PAGE, SNAPSHOT_PAYLOAD_TYPE, type SnapshotSummary } from "@/modules/subprocessors/api-schemas/public";
import type { DsseEnvelope } from "@/modules/attestations/domain/dsse";

const SUMMARY = { seq: true, takenAt: true, reason: true, changeId: true, sha256: true } as const;

function summary(row: {
  seq: number;
  takenAt: Date;
  reason: string;
  changeId: string | null;
  sha256: string;
}): SnapshotSummary {
  return {
    seq: row.seq,
    taken_at: row.takenAt.toISOString(),
    reason: row.reason as SnapshotSummary["reason"],
    change_id: row.changeId,
    sha256: row.sha256,
    url: snapshotUrl(row.seq),
  };
}

/**
 * The region's snapshots, newest first, a page at a time; or, with `at`, the one in force at
 * that instant: the last taken at or before it (404 when the register had none yet).
 */
export async function listSnapshots(db: PrismaClient, query: { at?: Date; before?: number; limit?: number }) {
  const region = currentRegion().id;
  const signing_kid = jwkKeyId(await regionKey("attestation"));
  const base = { region, payload_type: SNAPSHOT_PAYLOAD_TYPE, signing_kid };
  if (query.at) {
    const row = await db.subprocessorSnapshot.findFirst({
      where: { region, takenAt: { lte: query.at } },
      orderBy: [{ takenAt: "desc" }, { seq: "desc" }],
      select: SUMMARY,
    });
    if (!row)
      throw new NotFoundError(
        `No snapshot of the register was in force at ${query.at.toISOString()}: the first was taken later, or none yet.`,
        "no_snapshot_at",
      );
    return { ...base, snapshots: [summary(row)], next_before: null };
  }
  const limit = query.limit ?? SNAPSHOT_PAGE.default;
  const rows = await db.subprocessorSnapshot.findMany({
    where: { region, ...(query.before !== undefined ? { seq: { lt: query.before } } : {}) },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: SUMMARY,
  });
  const page = rows.slice(0, limit);
  return {
    ...base,
    snapshots: page.map(summary),
    next_before: rows.length > limit ? page[page.length - 1]!.seq : null,
  };
}

/** One snapshot's DSSE envelope, as it was signed. */
export async function snapshotEnvelope(db: PrismaClient, seq: number): Promise<DsseEnvelope> {
  const row = await db.subprocessorSnapshot.findFirst({
    where: { seq, region: currentRegion().id },
    select: { envelope: true },
  });
  if (!row) throw new NotFoundError(`The register has no snapshot ${seq}.`, "snapshot_not_found");
  return row.envelope as unknown as DsseEnvelope;
}
