import "server-only";
import { sign } from "node:crypto";
import { ServiceUnavailableError } from "@/platform/errors";
import { logger } from "@/platform/log/logger";
import { regionKey } from "@/modules/audit/server/signing-keys";
import { jwkKeyId } from "@/modules/audit/server/public-log";
import type { DsseSigner } from "@/modules/attestations/domain/dsse";

/**
 * The region's attestation key as a DSSE signer, its keyid the key's `kid` in the region JWKS.
 * A KMS that cannot open the key means nothing is signed: the caller is told so, plainly.
 */
export async function attestationSigner(): Promise<DsseSigner> {
  try {
    const key = await regionKey("attestation");
    return { keyid: jwkKeyId(key), sign: (message) => sign(null, message, key.privateKey) };
  } catch (err) {
    logger().error({ err }, "the attestation signing key could not be opened");
    throw new ServiceUnavailableError(
      "The region's signing key is unavailable (its KMS did not answer), so nothing was signed. Try again once the KMS is back.",
      "signing_key_unavailable",
    );
  }
}
