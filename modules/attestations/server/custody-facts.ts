import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { canonicalDigest } from "@/modules/attestations/domain/statement";
import type { Period } from "@/modules/attestations/domain/period";
import type { ResidencyPredicate } from "@/modules/attestations/domain/predicate";
import type { JsonValue } from "@/modules/audit/domain/canonical-json";

/**
 * Who held the tenant's keys and what happened to them in the period: each key's provider and
 * reference, its versions at the end, the rotations completed, and every disable with its
 * revocation receipt (the digest of the signed body, and how long the slowest instance took).
 */
export async function custodyFacts(
  tx: Tx,
  tenantId: string,
  period: Period,
): Promise<Pick<ResidencyPredicate, "key_custody">> {
  const keys = await tx.tenantKey.findMany({
    where: { tenantId, createdAt: { lt: period.to } },
    orderBy: { alias: "asc" },
    select: { id: true, alias: true, provider: true, keyRef: true },
  });
  const inPeriod = { gte: period.from, lt: period.to };
  const result = [];
  for (const k of keys) {
    const versions = await tx.tenantKeyVersion.count({ where: { keyId: k.id, createdAt: { lt: period.to } } });
    const rotations = await tx.keyRotation.findMany({
      where: { keyId: k.id, stage: "completed", completedAt: inPeriod },
      orderBy: { completedAt: "asc" },
      select: { completedAt: true, fromVersion: true, toVersion: true, trigger: true },
    });
    const receipts = await tx.revocationReceipt.findMany({
      where: { keyId: k.id, disabledAt: inPeriod },
      orderBy: { disabledAt: "asc" },
      select: { disabledAt: true, status: true, body: true, maxMs: true },
    });
    // The state at the period's end: the last state change before it (every change's key event
    // carries to_state); a key with none before then was enabled, as every key starts.
    const [last] = await tx.$queryRaw<{ state: string }[]>`
      SELECT details->>'to_state' AS state FROM key_events
       WHERE key_id = ${k.id} AND at < ${period.to} AND details ? 'to_state'
       ORDER BY at DESC LIMIT 1`;
    result.push({
      id: k.id,
      alias: k.alias,
      provider: k.provider,
      key_ref: k.keyRef,
      state_at_end: last?.state ?? "enabled",
      versions,
      rotations: rotations.map((r) => ({
        at: r.completedAt!.toISOString(),
        from_version: r.fromVersion,
        to_version: r.toVersion,
        trigger: r.trigger,
      })),
      disables: receipts.map((r) => ({
        at: r.disabledAt.toISOString(),
        receipt_sha256: r.body === null ? null : canonicalDigest(r.body as JsonValue),
        receipt_status: r.status,
        time_to_revoke_ms: r.maxMs,
      })),
    });
  }
  return { key_custody: { keys: result } };
}
