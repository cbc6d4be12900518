import "server-only";
import { SIG_TYPE_COSIGNATURE_V1 } from "@/modules/audit/domain/cosignature";
import { ed25519Verifier } from "@/modules/audit/domain/ed25519";
import { parseVerifierKey, verifierFromKey, type VerifierKey } from "@/modules/audit/domain/keys";
import { SIG_TYPE_ED25519, type NoteVerifier } from "@/modules/audit/domain/note";
import { keyName, regionKey } from "@/modules/audit/server/signing-keys";

/**
 * The verifier for this region's own checkpoints: the active log key, which regionKey() has
 * checked opens under the region's sealing key (not kept in the database). A public key a
 * rogue database administrator adds to the key table is therefore never trusted here.
 */
export async function ownLogVerifier(): Promise<NoteVerifier> {
  const key = await regionKey("audit-log");
  return ed25519Verifier(key.name, key.rawPublicKey);
}

/**
 * Parses a peer's key as served by its instance and checks it is the kind of key it must be:
 * the log key `terrane/<region>` (type 0x01) or the witness key `terrane-witness/<region>`
 * (type 0x04). Throws with a plain reason otherwise.
 */
export function parsePeerKey(
  text: string,
  purpose: "audit-log" | "witness",
  region: string,
): { key: VerifierKey; verifier: NoteVerifier } {
  const key = parseVerifierKey(text);
  const type = purpose === "audit-log" ? SIG_TYPE_ED25519 : SIG_TYPE_COSIGNATURE_V1;
  const name = keyName(purpose, region);
  if (key.type !== type)
    throw new Error(`the ${purpose} key of ${region} must have signature type 0x0${type}, not 0x0${key.type}`);
  if (key.name !== name) throw new Error(`the ${purpose} key of ${region} must be named "${name}", not "${key.name}"`);
  return { key, verifier: verifierFromKey(text) };
}
