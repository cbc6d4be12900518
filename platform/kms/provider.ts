import { TerraneError } from "@/platform/errors";

/**
 * A key management service holding customer master keys (CMKs). Terrane never sees CMK
 * material in the clear outside the provider (the `local` provider is the exception that
 * proves the interface: its material is sealed under the region master key at rest).
 *
 * Cloud KMSs (AWS, GCP, Azure) and hold-your-own-key endpoints implement the same five calls.
 */
export interface KmsProvider {
  readonly kind: string;
  /**
   * Creates the material of one CMK version. `handle` is how the provider finds it again
   * (an HSM object label, a cloud key version ARN); `sealedMaterial` is set only by providers
   * that keep material in Terrane's database.
   */
  createVersion(ref: KeyVersionRef): Promise<CreatedVersion>;
  /** Wraps a data key under a CMK version. `context` is bound as associated data. */
  wrap(version: KeyVersionMaterial, dataKey: Buffer, context: string): Promise<Buffer>;
  unwrap(version: KeyVersionMaterial, wrapped: Buffer, context: string): Promise<Buffer>;
  /** Destroys the version's material for good (crypto-shred). Idempotent. */
  destroyVersion(version: KeyVersionMaterial): Promise<void>;
  /** The region's own secrets (its signing keys) under the region key `keyRef`. */
  wrapRegionSecret(keyRef: string, secret: Buffer, context: string): Promise<Buffer>;
  unwrapRegionSecret(keyRef: string, wrapped: Buffer, context: string): Promise<Buffer>;
  close?(): Promise<void>;
}

export interface KeyVersionRef {
  /** The provider key reference from the key-custody configuration. */
  keyRef: string;
  keyId: string;
  version: number;
  /** The version row's id: unique, so a retried create finds what a crashed one made. */
  versionId: string;
}

export interface CreatedVersion {
  handle: string;
  sealedMaterial: Buffer | null;
}

export interface KeyVersionMaterial extends KeyVersionRef {
  handle: string;
  sealedMaterial: Buffer | null;
}

/**
 * The key cannot be used: disabled, pending deletion, destroyed, or its KMS is unreachable.
 * Everything that needs the key fails closed with this, and says why in plain words.
 */
export class KeyUnavailableError extends TerraneError {
  constructor(
    readonly reason: "disabled" | "pending_deletion" | "destroyed" | "kms_unreachable" | "no_key",
    message: string,
  ) {
    super(reason === "kms_unreachable" ? 503 : 409, "key_unavailable", "Key unavailable", message, {
      key_state: reason,
    });
  }
}
