import "server-only";
import { createPublicKey, verify } from "node:crypto";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { canonicalJsonBytes, type JsonValue } from "@/modules/audit/domain/canonical-json";
import { regionJwks } from "@/modules/audit/server/public-log";
import { dsseEnvelopeSchema, verifyEnvelope, type DsseVerifier } from "@/modules/attestations/domain/dsse";
import { canonicalDigest, sha256Hex, statementSchema } from "@/modules/attestations/domain/statement";
import type { IndexPredicate } from "@/modules/attestations/domain/index-predicate";

export interface OnlineCheck {
  /** Every check below passed. */
  ok: boolean;
  /** The region's signature over the statement, with the key the region publishes now. */
  signature: boolean;
  /** The envelope's SHA-256 is the digest recorded when it was issued (and shown). */
  digest: boolean;
  /** The statement's subject is the digest of the facts it carries. */
  subject: boolean;
  /** The tenant's newest signed index lists this envelope's digest. */
  in_index: boolean;
  checked_at: string;
}

/** The region's published attestation keys, as DSSE verifiers by kid. */
async function attestationVerifiers(): Promise<Map<string, DsseVerifier>> {
  const jwks = await regionJwks();
  return new Map(
    jwks.keys
      .filter((k) => k.terrane_purpose === "attestation")
      .map((k) => {
        const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: k.x }, format: "jwk" });
        return [k.kid, (message: Buffer, signature: Buffer) => verify(null, message, key, signature)] as const;
      }),
  );
}

/**
 * What `terrane verify` would say of each stored attestation, checked again on every read with
 * the keys the region publishes: so the page shows a verified result, not a remembered one.
 */
export async function checkStoredAttestations(
  db: PrismaClient | Tx,
  tenantId: string,
  rows: readonly { id: string; envelope: unknown; envelopeSha256: string }[],
  at: Date,
): Promise<Map<string, OnlineCheck>> {
  const [verifiers, index] = await Promise.all([
    attestationVerifiers(),
    db.attestationIndex.findFirst({ where: { tenantId }, orderBy: { version: "desc" }, select: { envelope: true } }),
  ]);
  const indexed = new Set<string>();
  const parsedIndex = index ? dsseEnvelopeSchema.safeParse(index.envelope) : null;
  if (parsedIndex?.success && verifyEnvelope(parsedIndex.data, verifiers).ok) {
    const statement = JSON.parse(Buffer.from(parsedIndex.data.payload, "base64").toString("utf8")) as {
      predicate: IndexPredicate;
    };
    for (const a of statement.predicate.attestations) indexed.add(a.envelope_sha256);
  }
  const checks = new Map<string, OnlineCheck>();
  for (const row of rows) {
    const envelope = dsseEnvelopeSchema.safeParse(row.envelope);
    const signed = envelope.success ? verifyEnvelope(envelope.data, verifiers) : null;
    const statement = signed?.ok ? statementSchema.safeParse(JSON.parse(signed.payload.toString("utf8"))) : null;
    const subject =
      statement?.success === true &&
      statement.data.subject[0]?.digest.sha256 === canonicalDigest(statement.data.predicate as JsonValue);
    const digest = envelope.success && sha256Hex(canonicalJsonBytes(row.envelope)) === row.envelopeSha256;
    const check = {
      signature: signed?.ok === true,
      digest,
      subject,
      in_index: indexed.has(row.envelopeSha256),
      checked_at: at.toISOString(),
    };
    checks.set(row.id, { ok: check.signature && check.digest && check.subject && check.in_index, ...check });
  }
  return checks;
}
