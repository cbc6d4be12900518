import "server-only";
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { SIG_TYPE_COSIGNATURE_V1 } from "@/lib/audit/cosignature";
import { ed25519PublicKeyFromRaw, ed25519RawPublicKey } from "@/lib/audit/ed25519";
import { computeKeyId, SIG_TYPE_ED25519 } from "@/lib/audit/note";
import { encodeVerifierKey } from "@/lib/audit/keys";
import { seal, unseal } from "@/lib/crypto/sealing";
import { env } from "@/lib/env";
import { toBytes } from "@/lib/data/bytes";
import { appendAudit } from "@/lib/data/audit";
import { prisma } from "@/lib/data/db";

/** "audit-log" signs the region's checkpoints; "witness" cosigns other regions' checkpoints. */
export type KeyPurpose = "audit-log" | "witness";

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

const SIG_TYPE: Record<KeyPurpose, number> = { "audit-log": SIG_TYPE_ED25519, witness: SIG_TYPE_COSIGNATURE_V1 };

export function keyName(purpose: KeyPurpose, region: string): string {
  return purpose === "audit-log" ? `terrane/${region}` : `terrane-witness/${region}`;
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
  if (existing) return open(region, purpose, existing);
  const { privateKey } = generateKeyPairSync("ed25519");
  const name = keyName(purpose, region);
  const rawPublicKey = ed25519RawPublicKey(privateKey);
  const id = crypto.randomUUID();
  const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" });
  try {
    await db.$transaction(async (tx) => {
      await tx.regionSigningKey.create({
        data: { id, purpose, name, publicKey: toBytes(rawPublicKey), sealedPrivateKey: toBytes(seal(pkcs8, sealingContext(region, purpose, id))) },
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

function open(
  region: string,
  purpose: KeyPurpose,
  row: { id: string; name: string; publicKey: Uint8Array; sealedPrivateKey: Uint8Array },
): RegionKey {
  const der = unseal(Buffer.from(row.sealedPrivateKey), sealingContext(region, purpose, row.id));
  const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  der.fill(0);
  const rawPublicKey = Buffer.from(row.publicKey);
  if (!ed25519RawPublicKey(privateKey).equals(rawPublicKey)) throw new Error(`signing key ${row.id} does not match its public key`);
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

/** For tests that reopen a region's database in the same process. */
export function forgetRegionKeys(): void {
  cache.clear();
}
