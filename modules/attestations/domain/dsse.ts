/**
 * DSSE, the Dead Simple Signing Envelope (github.com/secure-systems-lab/dsse, protocol v1.0.2):
 * the signature covers the Pre-Authentication Encoding of the payload type and the payload, never
 * the payload alone, so a signed body cannot be re-read as another type. Signing and verifying
 * are callbacks: the region's key lives under its KMS, and a verifier may hold only a JWKS.
 */
import { z } from "zod";
import { IN_TOTO_PAYLOAD_TYPE, preAuthEncoding } from "./pae";

export { IN_TOTO_PAYLOAD_TYPE, preAuthEncoding };

export const dsseEnvelopeSchema = z.strictObject({
  payload: z.base64(),
  payloadType: z.string().min(1),
  signatures: z.array(z.strictObject({ keyid: z.string(), sig: z.base64() })).min(1),
});

export type DsseEnvelope = z.infer<typeof dsseEnvelopeSchema>;

export interface DsseSigner {
  keyid: string;
  sign(message: Buffer): Promise<Uint8Array> | Uint8Array;
}

export async function signEnvelope(
  payloadType: string,
  payload: Uint8Array,
  signer: DsseSigner,
): Promise<DsseEnvelope> {
  const sig = await signer.sign(preAuthEncoding(payloadType, payload));
  return {
    payload: Buffer.from(payload).toString("base64"),
    payloadType,
    signatures: [{ keyid: signer.keyid, sig: Buffer.from(sig).toString("base64") }],
  };
}

/** Checks one signature; answers false (never throws) on a malformed one. */
export type DsseVerifier = (message: Buffer, signature: Buffer) => boolean;

export type EnvelopeCheck = { ok: true; keyid: string; payload: Buffer } | { ok: false; reason: string };

/**
 * Accepts the envelope if a signature by one of `verifiers` (by keyid) checks over the PAE.
 * Signatures by unknown keys are skipped, as DSSE allows; the reason says what was missing.
 */
export function verifyEnvelope(
  envelope: DsseEnvelope,
  verifiers: ReadonlyMap<string, DsseVerifier>,
  expectedType = IN_TOTO_PAYLOAD_TYPE,
): EnvelopeCheck {
  if (envelope.payloadType !== expectedType)
    return { ok: false, reason: `payloadType is ${JSON.stringify(envelope.payloadType)}, expected ${expectedType}` };
  const payload = Buffer.from(envelope.payload, "base64");
  const message = preAuthEncoding(envelope.payloadType, payload);
  const known = envelope.signatures.filter((s) => verifiers.has(s.keyid));
  if (known.length === 0)
    return {
      ok: false,
      reason: `signed by ${envelope.signatures.map((s) => s.keyid).join(", ")}: none of them is a key given to verify with`,
    };
  for (const s of known) {
    if (verifiers.get(s.keyid)!(message, Buffer.from(s.sig, "base64"))) return { ok: true, keyid: s.keyid, payload };
  }
  return { ok: false, reason: `the signature by ${known.map((s) => s.keyid).join(", ")} does not match the payload` };
}
