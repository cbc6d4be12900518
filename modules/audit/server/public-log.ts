import "server-only";
import { consistencyProof, inclusionProof } from "@/modules/audit/domain/proofs";
import { createTlogProof } from "@/modules/audit/domain/tlog-proof";
import { BadRequestError, NotFoundError } from "@/platform/errors";
import { integratePending } from "@/modules/audit/server/integrator";
import { DbNodeReader, latestCheckpoint, type LatestCheckpoint } from "@/modules/audit/server/subtree-store";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { regionKey } from "@/modules/audit/server/signing-keys";

/** What anyone may read about the region's log: hashes, proofs, signed checkpoints and keys. Never entry content. */

export const MAX_LEAVES_PAGE = 1000;

async function currentCheckpoint(db: PrismaClient): Promise<LatestCheckpoint> {
  const existing = await latestCheckpoint(db);
  if (existing) return existing;
  // A region that has not signed anything yet signs its first checkpoint now.
  await integratePending();
  const created = await latestCheckpoint(db);
  if (!created) throw new Error("the region's log has no checkpoint");
  return created;
}

/** Appends the witnesses' cosignature lines for that size to the log's signed note. */
export async function withCosignatures(db: PrismaClient, checkpoint: { size: number; note: string }): Promise<string> {
  const cosignatures = await db.auditCosignature.findMany({
    where: { size: BigInt(checkpoint.size) },
    orderBy: { witness: "asc" },
    select: { line: true },
  });
  return checkpoint.note + cosignatures.map((c) => `${c.line}\n`).join("");
}

/** The latest signed checkpoint, with every witness cosignature collected for it. */
export async function servedCheckpoint(): Promise<string> {
  const db = await prisma();
  return withCosignatures(db, await currentCheckpoint(db));
}

export async function checkpointAtSize(size: number): Promise<string> {
  const db = await prisma();
  const row = await db.auditCheckpoint.findUnique({ where: { size: BigInt(size) }, select: { note: true } });
  if (!row)
    throw new BadRequestError(
      `The region signed no checkpoint of size ${size}; use the size of a checkpoint you hold.`,
      "no_checkpoint_at_size",
    );
  return withCosignatures(db, { size, note: row.note });
}

export async function logVerifierKey(): Promise<string> {
  return (await regionKey("audit-log")).verifierKey;
}

export async function witnessVerifierKey(): Promise<string> {
  return (await regionKey("witness")).verifierKey;
}

/** The region's public signing keys as a JWKS; each also carries its note verifier key. */
export async function regionJwks() {
  const keys = await Promise.all([
    regionKey("audit-log"),
    regionKey("witness"),
    regionKey("support-grant"),
    regionKey("attestation"),
  ]);
  return {
    keys: keys.map((k) => ({
      kty: "OKP",
      crv: "Ed25519",
      x: k.rawPublicKey.toString("base64url"),
      kid: jwkKeyId(k),
      use: "sig",
      alg: "EdDSA",
      terrane_purpose: k.purpose,
      terrane_verifier_key: k.verifierKey,
    })),
  };
}

function assertWithin(value: number, size: number, what: string): void {
  if (value > size)
    throw new BadRequestError(`${what} ${value} is beyond the log's current size ${size}.`, "out_of_range");
}

/** Leaf hashes [start, end) of the current tree, at most MAX_LEAVES_PAGE at a time. */
export async function leafHashes(start: number, end: number | undefined) {
  const db = await prisma();
  const { size } = await currentCheckpoint(db);
  const stop = Math.min(end ?? start + MAX_LEAVES_PAGE, size);
  assertWithin(start, size, "start");
  if (stop < start) throw new BadRequestError("end must not be before start.", "out_of_range");
  if (stop - start > MAX_LEAVES_PAGE)
    throw new BadRequestError(`Ask for at most ${MAX_LEAVES_PAGE} leaves at a time.`, "page_too_large");
  const rows = await db.auditTreeNode.findMany({
    where: { level: 0, index: { gte: BigInt(start), lt: BigInt(stop) } },
    orderBy: { index: "asc" },
    select: { hash: true },
  });
  return { start, end: stop, size, leaves: rows.map((r) => Buffer.from(r.hash).toString("hex")) };
}

async function resolveSize(db: PrismaClient, size: number | undefined): Promise<{ size: number; note: string }> {
  if (size === undefined) return currentCheckpoint(db);
  const row = await db.auditCheckpoint.findUnique({ where: { size: BigInt(size) }, select: { note: true } });
  if (!row)
    throw new BadRequestError(
      `The region signed no checkpoint of size ${size}; use the size of a checkpoint you hold.`,
      "no_checkpoint_at_size",
    );
  return { size, note: row.note };
}

/** An inclusion proof for leaf `index` in the tree of a signed checkpoint (the latest by default). */
export async function inclusionProofFor(index: number, size?: number) {
  const db = await prisma();
  const checkpoint = await resolveSize(db, size);
  if (index >= checkpoint.size) {
    throw new BadRequestError(`Leaf ${index} is not in a tree of ${checkpoint.size} leaves.`, "out_of_range");
  }
  const reader = new DbNodeReader(db);
  const [leaf] = await reader.readNodes([{ level: 0, index }]);
  const proof = await inclusionProof(reader, index, checkpoint.size);
  return {
    index,
    size: checkpoint.size,
    leaf_hash: Buffer.from(leaf!).toString("hex"),
    proof: proof.map((h) => h.toString("hex")),
    checkpoint: await withCosignatures(db, checkpoint),
  };
}

/** The same proof as a C2SP tlog-proof file; `entryBytes` (the leaf itself) only for those allowed to see it. */
export async function tlogProofFor(index: number, size?: number, entryBytes?: Uint8Array): Promise<string> {
  const db = await prisma();
  const checkpoint = await resolveSize(db, size);
  if (index >= checkpoint.size)
    throw new BadRequestError(`Leaf ${index} is not in a tree of ${checkpoint.size} leaves.`, "out_of_range");
  return createTlogProof(new DbNodeReader(db), index, await withCosignatures(db, checkpoint), entryBytes);
}

/** A consistency proof between two tree sizes (RFC 9162 §2.1.4). */
export async function consistencyProofFor(from: number, to: number) {
  const db = await prisma();
  const { size } = await currentCheckpoint(db);
  if (from > to) throw new BadRequestError("from must not be greater than to.", "out_of_range");
  assertWithin(to, size, "to");
  const proof = from === 0 || from === to ? [] : await consistencyProof(new DbNodeReader(db), from, to);
  return { from, to, proof: proof.map((h) => h.toString("hex")) };
}

/** As a witness: this instance's latest cosigned view of another region's log. */
export async function witnessedView(region: string) {
  const db = await prisma();
  const view = await db.witnessedLog.findUnique({ where: { region } });
  if (!view) throw new NotFoundError(`This region has not witnessed ${region}'s log.`, "not_witnessed");
  return {
    region: view.region,
    origin: view.origin,
    size: Number(view.size),
    checkpoint: view.checkpoint,
    cosignature: view.cosignature,
  };
}

/** The `kid` of a region key in the JWKS: its note name and key id, e.g. `terrane/eu-central-1+1a2b3c4d`. */
export function jwkKeyId(key: { name: string; keyId: number }): string {
  return `${key.name}+${key.keyId.toString(16).padStart(8, "0")}`;
}
