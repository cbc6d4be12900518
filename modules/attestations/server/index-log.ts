import "server-only";
import type { Tx } from "@/platform/db/transaction";
import { databaseNow } from "@/platform/db/db-time";
import { env } from "@/platform/env";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope, type DsseSigner } from "@/modules/attestations/domain/dsse";
import {
  INDEX_PREDICATE_TYPE,
  indexStatementName,
  type IndexPredicate,
} from "@/modules/attestations/domain/index-predicate";
import { sha256Hex, statementAbout, statementBytes } from "@/modules/attestations/domain/statement";

/**
 * Signs the next version of the tenant's attestation index, in the transaction of the change that
 * calls for it (an issue or a review). The tenant's row is locked first, so concurrent changes
 * write consecutive versions, each naming the one before.
 */
export async function writeAttestationIndex(
  tx: Tx,
  tenant: { id: string; slug: string },
  signer: DsseSigner,
): Promise<{ version: number; sha256: string }> {
  await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenant.id} FOR UPDATE`;
  const previous = await tx.attestationIndex.findFirst({
    where: { tenantId: tenant.id },
    orderBy: { version: "desc" },
    select: { version: true, envelopeSha256: true },
  });
  const rows = await tx.attestation.findMany({
    where: { tenantId: tenant.id },
    orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      periodName: true,
      periodFrom: true,
      periodTo: true,
      kind: true,
      state: true,
      envelopeSha256: true,
      issuedAt: true,
    },
  });
  const version = (previous?.version ?? 0) + 1;
  const predicate: IndexPredicate = {
    tenant: { id: tenant.id, slug: tenant.slug },
    region: env().REGION,
    version,
    previous_index_sha256: previous?.envelopeSha256 ?? null,
    generated_at: (await databaseNow(tx)).toISOString(),
    count: rows.length,
    attestations: rows.map((r) => ({
      id: r.id,
      period: r.periodName,
      from: r.periodFrom.toISOString(),
      to: r.periodTo.toISOString(),
      kind: r.kind,
      state: r.state,
      envelope_sha256: r.envelopeSha256,
      issued_at: r.issuedAt.toISOString(),
    })),
  };
  const statement = statementAbout(indexStatementName(tenant.slug, version), INDEX_PREDICATE_TYPE, predicate);
  const envelope = await signEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement), signer);
  const sha256 = sha256Hex(canonicalJsonBytes(envelope));
  await tx.attestationIndex.create({
    data: {
      tenantId: tenant.id,
      version,
      envelope,
      envelopeSha256: sha256,
    },
    select: { id: true },
  });
  return { version, sha256 };
}
