/**
 * DSSE envelopes, checked offline: the Ed25519 signature over the pre-authentication encoding
 * (PAE) of the payload type and payload, under a key the user trusts (chosen by the envelope's
 * `keyid`, which must be the key's `<name>+<hex id>` label, as the region's JWKS `kid` is), never
 * under a key the file names for itself. Shared by attestations and evidence-package manifests.
 */
import { verify as edVerify } from "node:crypto";
import { ed25519PublicKeyFromRaw } from "../modules/audit/domain/ed25519";
import { parseVerifierKey } from "../modules/audit/domain/keys";
import { preAuthEncoding } from "../modules/attestations/domain/pae";
import { VerificationError } from "./errors";
import { keyLabel, type LoadedKey } from "./keys";

export interface Envelope {
  payload: string;
  payloadType: string;
  signatures: { keyid: string; sig: string }[];
}

/** The envelope, or null when the bytes are not a DSSE envelope's JSON. */
export function parseEnvelope(bytes: Buffer): Envelope | null {
  try {
    const doc = JSON.parse(bytes.toString("utf8")) as Partial<Envelope>;
    if (
      typeof doc?.payload !== "string" ||
      typeof doc.payloadType !== "string" ||
      !Array.isArray(doc.signatures) ||
      doc.signatures.length === 0 ||
      !doc.signatures.every((s) => typeof s?.keyid === "string" && typeof s?.sig === "string")
    )
      return null;
    return doc as Envelope;
  } catch {
    return null;
  }
}

/**
 * Checks the envelope's signature by one of `keys`; answers the payload and the key that signed.
 * Throws VerificationError: wrong_payload_type, wrong_key (no signature by a given key) or
 * bad_signature. `what` names the signed thing in messages ("the attestation").
 */
export function checkEnvelope(
  envelope: Envelope,
  payloadType: string,
  keys: readonly LoadedKey[],
  what: string,
  altered: string,
): { payload: Buffer; key: LoadedKey } {
  if (envelope.payloadType !== payloadType)
    throw new VerificationError(
      "wrong_payload_type",
      `verification failed: payloadType is "${envelope.payloadType}", not ${payloadType}`,
    );
  const payload = Buffer.from(envelope.payload, "base64");
  const byLabel = new Map(keys.map((k) => [keyLabel(k), k]));
  const signature = envelope.signatures.find((s) => byLabel.has(s.keyid));
  if (!signature)
    throw new VerificationError(
      "wrong_key",
      `verification failed: ${what} is signed by ${envelope.signatures.map((s) => s.keyid).join(", ")}, not by ${keys.map(keyLabel).join(" or ")}`,
    );
  const key = byLabel.get(signature.keyid)!;
  const publicKey = ed25519PublicKeyFromRaw(parseVerifierKey(key.vkey).publicKey);
  let ok: boolean;
  try {
    ok = edVerify(
      null,
      preAuthEncoding(envelope.payloadType, payload),
      publicKey,
      Buffer.from(signature.sig, "base64"),
    );
  } catch {
    ok = false; // a malformed signature is a bad one
  }
  if (!ok) throw new VerificationError("bad_signature", `verification failed: bad signature (${altered})`);
  return { payload, key };
}
