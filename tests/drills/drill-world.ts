import { createPublicKey, verify } from "node:crypto";
import { expect } from "vitest";
import { regionJwks } from "@/modules/audit/server/public-log";
import { dsseEnvelopeSchema, verifyEnvelope } from "@/modules/attestations/domain/dsse";
import { statementSchema } from "@/modules/attestations/domain/statement";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { sha256Hex } from "@/modules/attestations/domain/statement";
import { DRILL_PREDICATE_TYPE } from "@/modules/drills/domain/model";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";

/** Checks a stored drill report as an outsider would: with the region's published JWKS, nothing else. */
export async function expectReportVerifies(db: PrismaClient, drillId: string): Promise<Record<string, unknown>> {
  const row = await db.drill.findUniqueOrThrow({ where: { id: drillId } });
  const envelope = dsseEnvelopeSchema.parse(row.report);
  expect(row.reportSha256).toBe(sha256Hex(canonicalJsonBytes(envelope)));
  const jwks = await regionJwks();
  const verifiers = new Map(
    jwks.keys
      .filter((k) => k.terrane_purpose === "attestation")
      .map((k) => {
        const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: k.x }, format: "jwk" });
        return [k.kid, (m: Buffer, s: Buffer) => verify(null, m, key, s)] as const;
      }),
  );
  const check = verifyEnvelope(envelope, verifiers);
  expect(check.ok, check.ok ? "" : check.reason).toBe(true);
  const statement = statementSchema.parse(JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8")));
  expect(statement.predicateType).toBe(DRILL_PREDICATE_TYPE);
  // A byte changed in the payload no longer verifies.
  const tampered = {
    ...envelope,
    payload: Buffer.from(
      Buffer.from(envelope.payload, "base64").toString("utf8").replace('"passed":true', '"passed":false'),
    ).toString("base64"),
  };
  expect(verifyEnvelope(tampered, verifiers).ok).toBe(false);
  return statement.predicate;
}
