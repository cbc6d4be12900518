import "server-only";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";
import { currentRegion } from "@/platform/region/registry";
import { CHANGE_KIND_LABELS, type ChangeKind } from "@/modules/subprocessors/domain/model";
import { diffEntries } from "@/modules/subprocessors/domain/diff";
import { entryFromRow, fieldsOf, storedEntry, type ChangeRow } from "@/modules/subprocessors/server/rows";
import type {
  PublicEntry,
  PublicRegisterView,
  SnapshotSummary,
  UpcomingChange,
} from "@/modules/subprocessors/api-schemas/public";

/** What a snapshot signs and the public JSON shows alike: the region, when, the list and what is coming. */
export interface RegisterCore {
  region: string;
  generated_at: string;
  subprocessors: PublicEntry[];
  upcoming: UpcomingChange[];
}

/**
 * An announced change as the public sees it: the entry as it will be, never who proposed or
 * reviewed it, nor the reviewer's note or an urgent reason (free text that may name people).
 */
export function upcomingFromChange(change: ChangeRow): UpcomingChange {
  const after = storedEntry(change.after);
  const before = change.before ? storedEntry(change.before) : null;
  const kind = change.kind as ChangeKind;
  return {
    ...fieldsOf(after),
    id: change.subprocessorId,
    change_id: change.id,
    kind,
    kind_label: CHANGE_KIND_LABELS[kind],
    status: kind === "retire" ? "retired" : "active",
    effective_at: (change.effectiveAt ?? change.createdAt).toISOString(),
    announced_at: change.reviewedAt?.toISOString() ?? null,
    notice_days: change.noticeDays,
    urgent: change.urgentReason !== null,
    diff: diffEntries(before ? fieldsOf(before) : null, fieldsOf(after)),
  };
}

/**
 * The region's register as published: the entries in force (status active) by name, and every
 * announced change by its effective date. Reads through `db`, which may be the transaction of
 * the change a snapshot is taken for (then it sees that change's rows).
 */
export async function registerCore(db: PrismaClient | Tx): Promise<RegisterCore> {
  const region = currentRegion().id;
  const now = await databaseNow(db);
  // One after another: inside a transaction (PGlite has one connection) queries do not overlap anyway.
  const rows = await db.subprocessor.findMany({
    where: { region, status: "active" },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const announced = await db.subprocessorChange.findMany({
    where: { region, state: "announced" },
    orderBy: [{ effectiveAt: "asc" }, { id: "asc" }],
  });
  return {
    region,
    generated_at: now.toISOString(),
    subprocessors: rows.map(entryFromRow),
    upcoming: announced.map(upcomingFromChange),
  };
}

export function snapshotUrl(seq: number): string {
  return `${currentRegion().url}/api/v1/subprocessors/snapshots/${seq}`;
}

/** `GET /api/v1/subprocessors`: the register, where to find it in other forms, and its latest signed snapshot. */
export async function publicRegister(db: PrismaClient | Tx): Promise<PublicRegisterView> {
  const region = currentRegion();
  const core = await registerCore(db);
  const latest = await db.subprocessorSnapshot.findFirst({
    where: { region: region.id },
    orderBy: { seq: "desc" },
    select: { seq: true, takenAt: true, reason: true, changeId: true, sha256: true },
  });
  const snapshot: SnapshotSummary | null = latest
    ? {
        seq: latest.seq,
        taken_at: latest.takenAt.toISOString(),
        reason: latest.reason as SnapshotSummary["reason"],
        change_id: latest.changeId,
        sha256: latest.sha256,
        url: snapshotUrl(latest.seq),
      }
    : null;
  return {
    region: core.region,
    region_name: region.name,
    jurisdiction: region.jurisdiction,
    generated_at: core.generated_at,
    subprocessors: core.subprocessors,
    upcoming: core.upcoming,
    snapshot,
    links: {
      trust_page: `${region.url}/trust`,
      csv: `${region.url}/api/v1/subprocessors?format=csv`,
      atom: `${region.url}/subprocessors.atom`,
      snapshots: `${region.url}/api/v1/subprocessors/snapshots`,
    },
  };
}

const inFlight = new WeakMap<object, Promise<{ view: PublicRegisterView; json: string }>>();

/**
 * The register for the public routes, with its JSON text: concurrent requests share one read and
 * one serialisation (it is the same for everyone, and under load each request reading 500 entries
 * for itself is what costs). Nothing is kept once the read is answered, so a request that starts
 * after a change has committed always reads anew.
 */
export function publishedRegister(db: PrismaClient): Promise<{ view: PublicRegisterView; json: string }> {
  let pending = inFlight.get(db);
  if (!pending) {
    pending = publicRegister(db)
      .then((view) => ({ view, json: JSON.stringify(view) }))
      .finally(() => inFlight.delete(db));
    inFlight.set(db, pending);
  }
  return pending;
}
