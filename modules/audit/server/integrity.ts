import "server-only";
import { terraneOrigin } from "@/modules/audit/domain/checkpoint";
import { env } from "@/platform/env";
import { prisma } from "@/platform/db/db";
import { latestCheckpoint } from "@/modules/audit/server/subtree-store";
import type { Tx } from "@/platform/db/transaction";

export interface IntegrityAlert {
  id: string;
  at: Date;
  kind: string;
  subject: string;
  treeSize: number | null;
  brokenAt: number | null;
  reason: string | null;
}

export interface IntegritySummary {
  region: string;
  origin: string;
  /** Size of the latest signed checkpoint (0 before the first). */
  treeSize: number;
  lastCheckpointAt: Date | null;
  /** Each witness of this region's log: the largest size it cosigned, and when. */
  witnesses: { witness: string; region: string | null; size: number; cosignedAt: Date; receivedAt: Date }[];
  /** The last full recomputation of the log (verifyRegionLog), if any. */
  lastVerification: {
    ok: boolean;
    at: Date;
    treeSize: number | null;
    brokenAt: number | null;
    reason: string | null;
  } | null;
  /** Recent findings that are still open, newest first. */
  alerts: IntegrityAlert[];
  /** The other regions' logs this instance witnesses, and how far. */
  witnessing: { region: string; size: number; checkedAt: Date }[];
}

export interface IntegrityOptions {
  now?: () => Date;
  /** How far back alerts are shown (default 7 days). */
  alertWindowMs?: number;
  maxAlerts?: number;
}

const reasonOf = (detail: unknown): string | null =>
  detail && typeof detail === "object" && "reason" in detail && typeof detail.reason === "string"
    ? detail.reason
    : null;

/**
 * Each witness's newest cosignature. Prisma's `distinct` is applied in memory after reading every
 * row, and the table gains a row per witness per cosigned size, so this finds the few witness
 * names first and then reads the primary key backwards once per witness.
 */
async function latestCosignaturePerWitness(db: Tx) {
  // A loose index scan over the primary key: one index probe per witness, not a table scan.
  const witnesses = await db.$queryRaw<{ witness: string }[]>`
    WITH RECURSIVE w AS (
      SELECT min("witness") AS witness FROM "audit_cosignatures"
      UNION ALL
      SELECT (SELECT min("witness") FROM "audit_cosignatures" WHERE "witness" > w.witness) FROM w WHERE w.witness IS NOT NULL
    )
    SELECT witness FROM w WHERE witness IS NOT NULL`;
  const rows = await Promise.all(
    witnesses.map(({ witness }) =>
      db.auditCosignature.findFirst({
        where: { witness },
        orderBy: { size: "desc" },
        select: { witness: true, size: true, cosignedAt: true, receivedAt: true },
      }),
    ),
  );
  return rows.filter((r) => r !== null);
}

/**
 * What an integrity panel shows. Region-wide and free of tenant data (sizes, times, key names,
 * reasons); the caller decides who may see it. An alert is open while it is recent and not
 * superseded: a failed self-verification until a later run passes, an unreachable or invalid
 * peer until that peer has since been checked or has delivered a cosignature. An inconsistent
 * checkpoint or a changed key stays open for the whole window.
 */
export async function latestIntegrity(options: IntegrityOptions = {}): Promise<IntegritySummary> {
  const db = await prisma();
  const region = env().REGION;
  const now = options.now?.() ?? new Date();
  const since = new Date(now.getTime() - (options.alertWindowMs ?? 7 * 24 * 3_600_000));
  const [latest, cosigned, verification, lastPass, events, witnessed] = await Promise.all([
    latestCheckpoint(db),
    latestCosignaturePerWitness(db),
    db.integrityEvent.findFirst({ where: { kind: "self_verification" }, orderBy: { at: "desc" } }),
    db.integrityEvent.findFirst({
      where: { kind: "self_verification", ok: true },
      orderBy: { at: "desc" },
      select: { at: true },
    }),
    db.integrityEvent.findMany({ where: { ok: false, at: { gte: since } }, orderBy: { at: "desc" }, take: 500 }),
    db.witnessedLog.findMany({ orderBy: { region: "asc" }, select: { region: true, size: true, checkedAt: true } }),
  ]);

  // When each peer last answered well, as a witnessed log or as a witness of ours.
  const lastGood = new Map<string, number>();
  const seen = (peer: string, at: Date) => lastGood.set(peer, Math.max(lastGood.get(peer) ?? 0, at.getTime()));
  for (const w of witnessed) seen(w.region, w.checkedAt);
  for (const c of cosigned) {
    const peer = c.witness.startsWith("terrane-witness/") ? c.witness.slice("terrane-witness/".length) : null;
    if (peer) seen(peer, c.receivedAt);
  }

  const shown = new Set<string>();
  const open = events.filter((e) => {
    // The newest of a repeated finding stands for all of them.
    const key = `${e.kind}|${e.subject}|${reasonOf(e.detail) ?? ""}`;
    if (shown.has(key)) return false;
    shown.add(key);
    if (e.kind === "self_verification") return !lastPass || lastPass.at < e.at;
    if (e.kind === "peer_unreachable" || e.kind === "peer_invalid") {
      const peer = e.subject.startsWith("region:") ? e.subject.slice("region:".length) : null;
      return !peer || (lastGood.get(peer) ?? 0) < e.at.getTime();
    }
    return true;
  });

  return {
    region,
    origin: terraneOrigin(region),
    treeSize: latest?.size ?? 0,
    lastCheckpointAt: latest?.createdAt ?? null,
    witnesses: cosigned.map((c) => ({
      witness: c.witness,
      region: c.witness.startsWith("terrane-witness/") ? c.witness.slice("terrane-witness/".length) : null,
      size: Number(c.size),
      cosignedAt: c.cosignedAt,
      receivedAt: c.receivedAt,
    })),
    lastVerification: verification
      ? {
          ok: verification.ok,
          at: verification.at,
          treeSize: verification.treeSize === null ? null : Number(verification.treeSize),
          brokenAt: verification.brokenAt === null ? null : Number(verification.brokenAt),
          reason: reasonOf(verification.detail),
        }
      : null,
    alerts: open.slice(0, options.maxAlerts ?? 20).map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      subject: e.subject,
      treeSize: e.treeSize === null ? null : Number(e.treeSize),
      brokenAt: e.brokenAt === null ? null : Number(e.brokenAt),
      reason: reasonOf(e.detail),
    })),
    witnessing: witnessed.map((w) => ({ region: w.region, size: Number(w.size), checkedAt: w.checkedAt })),
  };
}
