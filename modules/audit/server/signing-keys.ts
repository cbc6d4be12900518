import "server-only";
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { SIG_TYPE_COSIGNATURE_V1 } from "@/modules/audit/domain/cosignature";
import { ed25519PublicKeyFromRaw, ed25519RawPublicKey } from "@/modules/audit/domain/ed25519";
import { computeKeyId, SIG_TYPE_ED25519 } from "@/modules/audit/domain/note";
import { encodeVerifierKey } from "@/modules/audit/domain/keys";
import { unseal } from "@/platform/crypto/sealing";
import { regionAssignment } from "@/platform/kms/custody";
import { kmsProvider } from "@/platform/kms/providers";
import { env } from "@/platform/env";
import { toBytes } from "@/platform/db/bytes";
import { appendAudit } from "@/modules/audit/server/append";
import { prisma } from "@/platform/db/db";

/**
 * "audit-log" signs the region's checkpoints; "witness" cosigns other regions' checkpoints;
 * "support-grant" signs support-access grant tokens (compact JWS); "attestation" signs residency
 * attestations and evidence manifests (DSSE). One key per job, so a token
 * signer can never produce a checkpoint signature and the other way round.
 */
export type KeyPurpose = "audit-log" | "witness" | "support-grant" | "attestation";

export interface RegionKey {
  purpose: KeyPurpose;
  name: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  rawPublicKey: Buffer;
  /** The note verifier key `<name>+<hex id>+<base64(type ‖ key)>`, public. */
  verifierKey: string;
  keyId: number;
}

const SIG_TYPE: Record<KeyPurpose, number> = {
  "audit-log": SIG_TYPE_ED25519,
  witness: SIG_TYPE_COSIGNATURE_V1,
  "support-grant": SIG_TYPE_ED25519,
  attestation: SIG_TYPE_ED25519,
};

const NAME_PREFIX: Record<KeyPurpose, string> = {
  "audit-log": "terrane",
  witness: "terrane-witness",
  "support-grant": "terrane-support-grant",
  attestation: "terrane-attestation",
};

export function keyName(purpose: KeyPurpose, region: string): string {
  return `${NAME_PREFIX[purpose]}/${region}`;
}

function sealingContext(region: string, purpose: KeyPurpose, id: string): string {
  return `terrane:region-signing-key:${region}:${purpose}:${id}`;
}

const cache = new Map<KeyPurpose, Promise<RegionKey>>();

/**
 * The region's active signing key for `purpose`, created (and audited) on first use. The
 * private half is stored only sealed; in memory it is a KeyObject that never gets logged.
 */
export function regionKey(purpose: KeyPurpose): Promise<RegionKey> {
  let pending = cache.get(purpose);
  if (!pending) {
    pending = loadOrCreate(purpose);
    cache.set(purpose, pending);
    pending.catch(() => cache.delete(purpose));
  }
  return pending;
}

async function loadOrCreate(purpose: KeyPurpose): Promise<RegionKey> {
  const region = env().REGION;
  const db = await prisma();
  const existing = await db.regionSigningKey.findFirst({ where: { purpose, retiredAt: null } });
  if (existing) return open(region, purpose, await underRegionKms(region, purpose, existing));
  const { privateKey } = generateKeyPairSync("ed25519");
  const name = keyName(purpose, region);
  const rawPublicKey = ed25519RawPublicKey(privateKey);
  const id = crypto.randomUUID();
  const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" });
  const kms = regionAssignment();
  const wrapped = await (
    await kmsProvider(kms.provider)
  ).wrapRegionSecret(kms.keyRef, pkcs8, sealingContext(region, purpose, id));
  pkcs8.fill(0);
  try {
    await db.$transaction(async (tx) => {
      await tx.regionSigningKey.create({
        data: {
          id,
          purpose,
          name,
          publicKey: toBytes(rawPublicKey),
          sealedPrivateKey: toBytes(wrapped),
          wrappedBy: wrappedByLabel(kms),
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: { type: "system", name: "key-manager" },
        action: "signing_key.created",
        subject: `signing_key:${id}`,
        outcome: "success",
        details: { purpose, name, verifier_key: encodeVerifierKey(name, SIG_TYPE[purpose], rawPublicKey) },
      });
    });
  } catch {
    // Another instance of the region created the key first (one active key per purpose).
  }
  const row = await db.regionSigningKey.findFirstOrThrow({ where: { purpose, retiredAt: null } });
  return open(region, purpose, row);
}

type KeyRow = { id: string; name: string; publicKey: Uint8Array; sealedPrivateKey: Uint8Array; wrappedBy: string };

function wrappedByLabel(kms: { provider: string; keyRef: string }): string {
  return `kms:${kms.provider}:${kms.keyRef}`;
}

/**
 * A key sealed before the region had a KMS (or under another region KMS key) is rewrapped
 * under the configured one, once, with an audit entry: the signing key itself does not change.
 */
async function underRegionKms(region: string, purpose: KeyPurpose, row: KeyRow): Promise<KeyRow> {
  const kms = regionAssignment();
  const label = wrappedByLabel(kms);
  if (row.wrappedBy === label) return row;
  const context = sealingContext(region, purpose, row.id);
  const der = await unwrapPrivateKey(row, context);
  const wrapped = toBytes(await (await kmsProvider(kms.provider)).wrapRegionSecret(kms.keyRef, der, context));
  der.fill(0);
  const db = await prisma();
  await db.$transaction(async (tx) => {
    const moved = await tx.regionSigningKey.updateMany({
      where: { id: row.id, wrappedBy: row.wrappedBy },
      data: { sealedPrivateKey: wrapped, wrappedBy: label },
    });
    if (moved.count === 0) return;
    await appendAudit(tx, {
      actor: { type: "system", name: "key-manager" },
      action: "signing_key.rewrapped",
      subject: `signing_key:${row.id}`,
      outcome: "success",
      details: { purpose, from: row.wrappedBy, to: label },
    });
  });
  return db.regionSigningKey.findUniqueOrThrow({ where: { id: row.id } });
}

async function unwrapPrivateKey(row: KeyRow, context: string): Promise<Buffer> {
  if (row.wrappedBy === "sealing-key") return unseal(Buffer.from(row.sealedPrivateKey), context);
  const [, provider, ...ref] = row.wrappedBy.split(":");
  return (await kmsProvider(provider!)).unwrapRegionSecret(ref.join(":"), Buffer.from(row.sealedPrivateKey), context);
}

async function open(region: string, purpose: KeyPurpose, row: KeyRow): Promise<RegionKey> {
  const der = await unwrapPrivateKey(row, sealingContext(region, purpose, row.id));
  const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  der.fill(0);
  const rawPublicKey = Buffer.from(row.publicKey);
  if (!ed25519RawPublicKey(privateKey).equals(rawPublicKey))
    throw new Error(`signing key ${row.id} does not match its public key`);
  const type = SIG_TYPE[purpose];
  return {
    purpose,
    name: row.name,
    privateKey,
    publicKey: ed25519PublicKeyFromRaw(rawPublicKey),
    rawPublicKey,
    verifierKey: encodeVerifierKey(row.name, type, rawPublicKey),
    keyId: computeKeyId(row.name, type, rawPublicKey),
  };
}

/** For tests that reopen a region's database in the same process (or make one key's KMS fail). */
export function forgetRegionKeys(purpose?: KeyPurpose): void {
  if (purpose) cache.delete(purpose);
  else cache.clear();
}
