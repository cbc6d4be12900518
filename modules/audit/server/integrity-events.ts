import "server-only";
import type { Prisma, PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";

type Db = PrismaClient | Tx;

/**
 * What the integrity_events table records:
 * - self_verification: every full recomputation of this region's log (ok or not);
 * - peer_inconsistent: a peer's new checkpoint contradicts the one we last cosigned (refused);
 * - peer_key_changed: a peer now presents a log or witness key other than the pinned one;
 * - peer_invalid: a peer's checkpoint or cosignature does not verify, or its answer is malformed;
 * - peer_unreachable: a peer did not answer (recorded at most once per interval).
 */
export type IntegrityKind =
  "self_verification" | "peer_inconsistent" | "peer_key_changed" | "peer_invalid" | "peer_unreachable";

export interface IntegrityEventInput {
  kind: IntegrityKind;
  ok: boolean;
  /** What the finding is about: `terrane/<region>` for a log, `region:<id>` for a peer. */
  subject: string;
  treeSize?: number | null;
  brokenAt?: number | null;
  detail?: Prisma.InputJsonObject;
  at?: Date;
}

export async function recordIntegrityEvent(db: Db, input: IntegrityEventInput): Promise<void> {
  await db.integrityEvent.create({
    data: {
      kind: input.kind,
      ok: input.ok,
      subject: input.subject,
      treeSize: input.treeSize == null ? null : BigInt(input.treeSize),
      brokenAt: input.brokenAt == null ? null : BigInt(input.brokenAt),
      detail: input.detail ?? {},
      ...(input.at ? { at: input.at } : {}),
    },
    select: { id: true },
  });
}

/**
 * Records an alert (ok = false) unless the same finding — same kind, subject and
 * `fingerprint` — was already recorded within `intervalMs` before `at`. A peer that stays down,
 * or keeps serving the same bad checkpoint, is one alert per interval rather than one per
 * round; a different finding is recorded at once. Returns whether it was recorded.
 */
export async function recordAlertOnce(
  db: Db,
  input: Omit<IntegrityEventInput, "ok" | "at"> & { fingerprint: string; at: Date },
  intervalMs: number,
): Promise<boolean> {
  const recent = await db.integrityEvent.findFirst({
    where: {
      kind: input.kind,
      subject: input.subject,
      ok: false,
      at: { gt: new Date(input.at.getTime() - intervalMs) },
      detail: { path: ["fingerprint"], equals: input.fingerprint },
    },
    select: { id: true },
  });
  if (recent) return false;
  await recordIntegrityEvent(db, {
    ...input,
    ok: false,
    detail: { ...(input.detail ?? {}), fingerprint: input.fingerprint },
  });
  return true;
}
