/**
 * The in-toto Statement v1 (github.com/in-toto/attestation, spec/v1/statement.md): what an
 * attestation says (the predicate) about which artifacts (the subjects, each named with its
 * digests). A residency attestation's subject is the predicate's own RFC 8785 digest, named by
 * tenant and period, so the statement pins exactly the facts it carries.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson, type JsonValue } from "@/modules/audit/domain/canonical-json";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";

export const statementSchema = z.strictObject({
  _type: z.literal(STATEMENT_TYPE),
  subject: z
    .array(z.strictObject({ name: z.string().min(1), digest: z.record(z.string(), z.string().regex(/^[0-9a-f]+$/)) }))
    .min(1),
  predicateType: z.url(),
  predicate: z.record(z.string(), z.unknown()),
});

export type Statement = z.infer<typeof statementSchema>;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** SHA-256 of the value's RFC 8785 canonical JSON. */
export function canonicalDigest(value: JsonValue): string {
  return sha256Hex(canonicalJson(value));
}

export function statementAbout(name: string, predicateType: string, predicate: Record<string, JsonValue>): Statement {
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name, digest: { sha256: canonicalDigest(predicate) } }],
    predicateType,
    predicate,
  };
}

/** The statement's bytes as signed: its own canonical JSON, so a verifier can re-derive them. */
export function statementBytes(statement: Statement): Buffer {
  return Buffer.from(canonicalJson(statement), "utf8");
}
