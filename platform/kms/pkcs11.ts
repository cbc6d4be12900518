import "server-only";
import { randomBytes } from "node:crypto";
import * as graphene from "graphene-pk11";
import {
  acquireSession,
  ckr,
  loggedIn,
  SESSION_LOST,
  type Pkcs11Options,
  type SessionLease,
} from "@/platform/kms/pkcs11-session";
import {
  KeyUnavailableError,
  type CreatedVersion,
  type KeyVersionMaterial,
  type KeyVersionRef,
  type KmsProvider,
} from "@/platform/kms/provider";

export type { Pkcs11Options };

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * CMKs and region keys held in an HSM through PKCS#11. Every key is a token-resident,
 * sensitive, non-extractable AES-256 object: wrapping and unwrapping run inside the HSM, and
 * Terrane's database keeps only the object's label (the version's `handle`).
 *
 * One session per instance, and calls run one at a time: a PKCS#11 session carries one active
 * cryptographic operation, so two overlapping wraps on it would corrupt each other.
 */
export class Pkcs11Kms implements KmsProvider {
  readonly kind = "pkcs11";
  private lease: Promise<SessionLease> | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Cut off on purpose (a residency drill's KMS outage): no session is open and none is opened. */
  private suspended = false;

  constructor(private readonly options: Pkcs11Options) {}

  /** The object label of a CMK version. The version id is unique, so it alone names the key;
   * the key reference is left out to stay within the label lengths real HSMs accept. */
  versionLabel(ref: KeyVersionRef): string {
    return `terrane:${this.options.region}:${ref.versionId}`;
  }

  regionKeyLabel(keyRef: string): string {
    return `terrane-region:${this.options.region}:${keyRef}`;
  }

  async createVersion(ref: KeyVersionRef): Promise<CreatedVersion> {
    const label = this.versionLabel(ref);
    await this.run(async (s) => {
      // A crashed earlier try may have made the object already: the label is the version's.
      if (findKeys(s, label).length === 0) await generateKey(s, label, Buffer.from(ref.versionId, "utf8"));
    });
    return { handle: label, sealedMaterial: null };
  }

  async wrap(version: KeyVersionMaterial, dataKey: Buffer, context: string): Promise<Buffer> {
    const label = this.checkedLabel(version);
    return this.run((s) => {
      const key = findKeys(s, label)[0];
      if (!key) throw missing(s, label);
      return encrypt(s, key, label, dataKey, Buffer.from(context, "utf8"));
    });
  }

  async unwrap(version: KeyVersionMaterial, wrapped: Buffer, context: string): Promise<Buffer> {
    const label = this.checkedLabel(version);
    return this.run((s) => decryptWithAny(s, findKeys(s, label), label, wrapped, Buffer.from(context, "utf8")));
  }

  async destroyVersion(version: KeyVersionMaterial): Promise<void> {
    const label = this.checkedLabel(version);
    // Every object with the label: a duplicate left by a racing create must not survive a shred.
    await this.run((s) => void s.destroy({ class: graphene.ObjectClass.SECRET_KEY, label }));
  }

  async wrapRegionSecret(keyRef: string, secret: Buffer, context: string): Promise<Buffer> {
    const label = this.regionKeyLabel(keyRef);
    return this.run(async (s) => {
      const key = findKeys(s, label)[0] ?? (await generateKey(s, label, Buffer.from(keyRef, "utf8")));
      return encrypt(s, key, label, secret, this.regionAad(keyRef, context));
    });
  }

  async unwrapRegionSecret(keyRef: string, wrapped: Buffer, context: string): Promise<Buffer> {
    const label = this.regionKeyLabel(keyRef);
    return this.run((s) => decryptWithAny(s, findKeys(s, label), label, wrapped, this.regionAad(keyRef, context)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // run() refuses new calls from here on; those already queued finish on the open session.
    await this.tail;
    const opened = this.lease;
    this.lease = undefined;
    (await opened?.catch(() => undefined))?.release();
  }

  /**
   * Makes the token really unreachable from this process until `resume`: the session is logged out
   * and closed (the module finalised when no other instance uses it), and no session is opened, so
   * every call fails as an HSM that does not answer does (`kms_unreachable`).
   */
  async suspend(): Promise<void> {
    this.suspended = true;
    await this.tail;
    const opened = this.lease;
    this.lease = undefined;
    (await opened?.catch(() => undefined))?.release();
  }

  resume(): void {
    this.suspended = false;
  }

  /** Whether a session to the token is open (for drills and tests: the outage really closed it). */
  get connected(): boolean {
    return this.lease !== undefined;
  }

  /** Same AAD scheme as the local provider: the region and key reference are bound too. */
  private regionAad(keyRef: string, context: string): Buffer {
    return Buffer.from(`terrane:region-secret:${this.options.region}:${keyRef}:${context}`, "utf8");
  }

  /** A row whose handle was pointed at another version's object must not reach that key. */
  private checkedLabel(version: KeyVersionMaterial): string {
    const label = this.versionLabel(version);
    if (version.handle !== label)
      throw new Error(`key version ${version.versionId} has a handle this pkcs11 provider did not issue`);
    return label;
  }

  private run<T>(op: (session: graphene.Session) => Promise<T> | T): Promise<T> {
    if (this.closed) return Promise.reject(new Error("this pkcs11 KMS provider is closed"));
    const result = this.tail.then(async () => {
      if (this.suspended)
        throw new KeyUnavailableError("kms_unreachable", "the HSM is cut off (a residency drill's KMS outage)");
      const lease = await this.openSession();
      try {
        return await op(lease.session);
      } catch (error) {
        if (!SESSION_LOST.has(ckr(error))) throw error;
        this.dropLease(lease);
        throw new KeyUnavailableError(
          "kms_unreachable",
          `the PKCS#11 session was lost (${ckr(error)}); the next call opens a new one`,
        );
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private dropLease(lease: SessionLease): void {
    this.lease = undefined;
    try {
      lease.release();
    } catch {
      // The session is already gone on the HSM's side; the bookkeeping was still released.
    }
  }

  private openSession(): Promise<SessionLease> {
    // A failed open (HSM unreachable, wrong PIN) is retried by the next call, not cached.
    this.lease ??= Promise.resolve()
      .then(() => acquireSession(this.options))
      .catch((error: unknown) => {
        this.lease = undefined;
        throw error;
      });
    return this.lease;
  }
}

/** "destroyed" only when a logged-in session cannot see the key: key state follows from it. */
function missing(s: graphene.Session, label: string): KeyUnavailableError {
  if (!loggedIn(s))
    return new KeyUnavailableError("kms_unreachable", "the PKCS#11 session is not logged in (CKR_USER_NOT_LOGGED_IN)");
  return new KeyUnavailableError("destroyed", `key ${label} does not exist in the HSM (destroyed)`);
}

function findKeys(s: graphene.Session, label: string): graphene.SecretKey[] {
  const found = s.find({ class: graphene.ObjectClass.SECRET_KEY, label });
  // The search already fixed the class: wrap the handle directly, sparing toType()'s C_GetAttributeValue.
  return Array.from({ length: found.length }, (_, i) => new graphene.SecretKey(found.items(i)));
}

function generateKey(s: graphene.Session, label: string, id: Buffer): Promise<graphene.SecretKey> {
  const template: graphene.ITemplate = {
    class: graphene.ObjectClass.SECRET_KEY,
    keyType: graphene.KeyType.AES,
    valueLen: 32,
    label,
    id,
    token: true,
    private: true,
    sensitive: true,
    extractable: false,
    encrypt: true,
    decrypt: true,
    // Only AES-GCM on data keys: no wrapping of other objects, no deriving an extractable key.
    wrap: false,
    unwrap: false,
    derive: false,
  };
  return callback<graphene.SecretKey>((cb) => s.generateKey(graphene.KeyGenMechanism.AES, template, cb)).catch(
    (error: unknown) => {
      throw new Error(`the HSM could not generate key ${label} (${ckr(error)})`);
    },
  );
}

function gcm(iv: Buffer, aad: Buffer): graphene.IAlgorithm {
  return { name: "AES_GCM", params: new graphene.AesGcmParams(iv, aad, TAG_BYTES * 8) };
}

/** iv(12) ‖ ciphertext ‖ tag(16): the IV is ours (random), the HSM appends the tag. */
async function encrypt(
  s: graphene.Session,
  key: graphene.SecretKey,
  label: string,
  plaintext: Buffer,
  aad: Buffer,
): Promise<Buffer> {
  const iv = randomBytes(IV_BYTES);
  const out = Buffer.alloc(plaintext.length + TAG_BYTES);
  try {
    const body = await callback<Buffer>((cb) => s.createCipher(gcm(iv, aad), key).once(plaintext, out, cb));
    return Buffer.concat([iv, body]);
  } catch (error) {
    throw new Error(`the HSM could not wrap under ${label} (${ckr(error)})`, { cause: error });
  }
}

/** Tries each object with the label: two racing creates may each have wrapped under theirs. */
async function decryptWithAny(
  s: graphene.Session,
  keys: graphene.SecretKey[],
  label: string,
  wrapped: Buffer,
  aad: Buffer,
): Promise<Buffer> {
  if (wrapped.length < IV_BYTES + TAG_BYTES) throw new Error("wrapped key is malformed");
  if (keys.length === 0) throw missing(s, label);
  const iv = wrapped.subarray(0, IV_BYTES);
  const body = wrapped.subarray(IV_BYTES);
  let lastCode = "";
  for (const key of keys) {
    try {
      return await callback<Buffer>((cb) =>
        s.createDecipher(gcm(iv, aad), key).once(body, Buffer.alloc(body.length), cb),
      );
    } catch (error) {
      lastCode = ckr(error);
    }
  }
  // SoftHSM reports a failed tag check as CKR_GENERAL_ERROR, so the cause is named, not guessed.
  throw new Error(
    `the HSM refused to unwrap under ${label} (${lastCode}): the wrapped key, its context or the key does not match`,
  );
}

/** graphene's asynchronous calls run on libuv's thread pool: a slow HSM does not block Node. */
function callback<T>(start: (cb: (error: Error | null, value: T | null) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    start((error, value) =>
      error ? reject(error) : value === null ? reject(new Error("the HSM returned nothing")) : resolve(value),
    ),
  );
}
