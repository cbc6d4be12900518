import "server-only";
import { z } from "zod";
import { openCheckpoint, parseCheckpoint, terraneOrigin } from "@/modules/audit/domain/checkpoint";
import { cosignCheckpoint, verifyCosignedCheckpoint } from "@/modules/audit/domain/cosignature";
import { encodeBase64 } from "@/modules/audit/domain/encoding";
import { hashEquals } from "@/modules/audit/domain/hash";
import { parseNote, type NoteSignature } from "@/modules/audit/domain/note";
import { verifyConsistency } from "@/modules/audit/domain/verify";
import { env } from "@/platform/env";
import { logger } from "@/platform/log/logger";
import { peerRegions, type Region } from "@/platform/region/registry";
import { toBytes } from "@/platform/db/bytes";
import { prisma } from "@/platform/db/db";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { recordAlertOnce, type IntegrityKind } from "@/modules/audit/server/integrity-events";
import { ownLogVerifier, parsePeerKey } from "@/modules/audit/server/log-keys";
import {
  PeerClient,
  PeerResponseError,
  PeerUnreachableError,
  type PeerClientOptions,
} from "@/modules/audit/server/peer-http";
import { regionKey } from "@/modules/audit/server/signing-keys";

export interface WitnessOptions extends PeerClientOptions {
  now?: () => Date;
  /** The same alert about the same peer is recorded at most once per interval (default 15 minutes). */
  alertIntervalMs?: number;
  /** Only these regions (default: every other region in the registry). */
  regions?: readonly string[];
}

export type PeerStatus =
  | "cosigned" // witnessPeers: verified (consistent with our last view) and cosigned
  | "stored" // collectCosignatures: a new cosignature of ours verified and stored
  | "unchanged" // collectCosignatures: nothing newer than what we hold
  | "empty" // the peer has no checkpoint yet / has not witnessed us yet
  | "superseded" // another replica of this region updated the view first
  | "inconsistent" // refused: contradicts the checkpoint we last cosigned
  | "key_changed" // refused: the peer presents a key other than the pinned one
  | "invalid" // refused: bad signature or malformed answer
  | "unreachable"
  | "error"; // unexpected (e.g. our own database); logged

export interface PeerResult {
  region: string;
  status: PeerStatus;
  /** The size presented (witnessing) or cosigned (collecting), when known. */
  size: number | null;
  /** The size we had witnessed before, when witnessing. */
  previousSize: number | null;
  reason: string | null;
  /** Whether this round recorded an integrity event (repeats within the interval are not). */
  alerted: boolean;
}

const DEFAULT_ALERT_INTERVAL_MS = 15 * 60_000;
const HEX_HASH = /^[0-9a-f]{64}$/;

const consistencyBody = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  proof: z.array(z.string().regex(HEX_HASH)).max(128),
});

const witnessedBody = z.object({
  region: z.string(),
  origin: z.string(),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  checkpoint: z.string().max(64 * 1024),
  cosignature: z.string().max(1024),
});

function peersOf(options: WitnessOptions): Region[] {
  const self = env().REGION;
  return peerRegions().filter((r) => r.id !== self && (!options.regions || options.regions.includes(r.id)));
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const sigLine = (s: NoteSignature) => `\u2014 ${s.name} ${s.base64}`;

/** Runs `each` for every peer in turn; one peer's failure never stops the round or throws. */
async function eachPeer(
  options: WitnessOptions,
  what: string,
  each: (peer: Region, ctx: PeerContext) => Promise<PeerResult>,
) {
  const results: PeerResult[] = [];
  const db = await prisma();
  for (const peer of peersOf(options)) {
    const ctx = new PeerContext(db, peer, options);
    try {
      results.push(await each(peer, ctx));
    } catch (err) {
      if (err instanceof PeerUnreachableError)
        results.push(await ctx.fail("unreachable", "peer_unreachable", "unreachable", err.message));
      else if (err instanceof PeerResponseError)
        results.push(await ctx.fail("invalid", "peer_invalid", `response:${err.status ?? "malformed"}`, err.message));
      else {
        logger().error({ err: message(err), peer: peer.id }, `audit ${what}: unexpected failure`);
        results.push({
          region: peer.id,
          status: "error",
          size: null,
          previousSize: null,
          reason: message(err),
          alerted: false,
        });
      }
    }
  }
  return results;
}

class PeerContext {
  readonly client: PeerClient;
  readonly now: Date;
  readonly subject: string;

  constructor(
    readonly db: PrismaClient,
    readonly peer: Region,
    readonly options: WitnessOptions,
  ) {
    this.client = new PeerClient(peer.url, options);
    this.now = options.now?.() ?? new Date();
    this.subject = `region:${peer.id}`;
  }

  /** Records the alert (at most once per interval per fingerprint) and builds the result. */
  async fail(
    status: PeerStatus,
    kind: IntegrityKind,
    fingerprint: string,
    reason: string,
    extra: { size?: number | null; previousSize?: number | null; detail?: Record<string, string | number | null> } = {},
  ): Promise<PeerResult> {
    const alerted = await recordAlertOnce(
      this.db,
      {
        kind,
        subject: this.subject,
        fingerprint,
        at: this.now,
        treeSize: extra.size ?? null,
        detail: { region: this.peer.id, reason, ...(extra.detail ?? {}) },
      },
      this.options.alertIntervalMs ?? DEFAULT_ALERT_INTERVAL_MS,
    );
    if (kind !== "peer_unreachable") logger().warn({ peer: this.peer.id, kind, reason }, "audit witness: peer refused");
    return {
      region: this.peer.id,
      status,
      size: extra.size ?? null,
      previousSize: extra.previousSize ?? null,
      reason,
      alerted,
    };
  }

  ok(status: PeerStatus, size: number | null, previousSize: number | null = null): PeerResult {
    return { region: this.peer.id, status, size, previousSize, reason: null, alerted: false };
  }
}

/**
 * As a witness, checks every other region's latest checkpoint and cosigns it: the log key is
 * pinned on first contact, the checkpoint must be signed by it, and a checkpoint larger than
 * the one we last cosigned must come with a consistency proof from it. A checkpoint that
 * shrinks the tree, changes the root at the same size or fails its proof is refused (our view
 * stays), recorded as `peer_inconsistent` and returned with status "inconsistent".
 */
export async function witnessPeers(options: WitnessOptions = {}): Promise<PeerResult[]> {
  return eachPeer(options, "witness", witnessPeer);
}

async function witnessPeer(peer: Region, ctx: PeerContext): Promise<PeerResult> {
  const { db, client } = ctx;
  const origin = terraneOrigin(peer.id);
  const keyText = (await client.text("/api/v1/audit/key"))!.trim();
  const note = await client.text("/api/v1/audit/checkpoint", true);
  const old = await db.witnessedLog.findUnique({ where: { region: peer.id } });
  const previousSize = old ? Number(old.size) : null;

  let peerKey: ReturnType<typeof parsePeerKey>;
  try {
    peerKey = parsePeerKey(old?.verifierKey ?? keyText, "audit-log", peer.id);
    if (!old) parsePeerKey(keyText, "audit-log", peer.id);
  } catch (err) {
    return ctx.fail("invalid", "peer_invalid", "log_key", `unusable log key: ${message(err)}`, { previousSize });
  }
  if (old && old.verifierKey !== keyText) {
    return ctx.fail(
      "key_changed",
      "peer_key_changed",
      `log:${keyText}`,
      "the log key differs from the one pinned on first contact",
      {
        previousSize,
        detail: { purpose: "audit-log", pinned: old.verifierKey, presented: keyText.slice(0, 512) },
      },
    );
  }
  if (note === null) return ctx.ok("empty", null, previousSize);

  let opened: ReturnType<typeof openCheckpoint>;
  try {
    opened = openCheckpoint(note, [peerKey.verifier], { origin });
  } catch (err) {
    return ctx.fail("invalid", "peer_invalid", "checkpoint", `checkpoint refused: ${message(err)}`, { previousSize });
  }
  const { checkpoint } = opened;
  const inconsistent = (reason: string) =>
    ctx.fail("inconsistent", "peer_inconsistent", `${checkpoint.size}:${encodeBase64(checkpoint.root)}`, reason, {
      size: checkpoint.size,
      previousSize,
      detail: {
        witnessed_size: previousSize,
        witnessed_root: old ? encodeBase64(old.root) : null,
        presented_size: checkpoint.size,
        presented_root: encodeBase64(checkpoint.root),
        checkpoint: note.slice(0, 16 * 1024),
      },
    });

  if (old) {
    const oldSize = Number(old.size);
    const oldRoot = Buffer.from(old.root);
    if (checkpoint.size < oldSize) return inconsistent(`the tree shrank from ${oldSize} to ${checkpoint.size} entries`);
    if (checkpoint.size === oldSize && !hashEquals(checkpoint.root, oldRoot)) {
      return inconsistent(`a different root for the same size ${oldSize}`);
    }
    if (checkpoint.size > oldSize) {
      let proof: Buffer[] = [];
      if (oldSize > 0) {
        const raw = await client.json(`/api/v1/audit/consistency?from=${oldSize}&to=${checkpoint.size}`);
        const body = consistencyBody.safeParse(raw);
        if (!body.success || body.data.from !== oldSize || body.data.to !== checkpoint.size) {
          return ctx.fail(
            "invalid",
            "peer_invalid",
            "consistency",
            `malformed consistency proof ${oldSize}→${checkpoint.size}`,
            {
              size: checkpoint.size,
              previousSize,
            },
          );
        }
        proof = body.data.proof.map((h) => Buffer.from(h, "hex"));
      }
      if (!verifyConsistency(oldSize, checkpoint.size, oldRoot, checkpoint.root, proof)) {
        return inconsistent(`the consistency proof from ${oldSize} to ${checkpoint.size} entries does not verify`);
      }
    }
  }

  // Cosign the checkpoint with the log's own signature only (other witnesses' lines, which we
  // cannot vouch for, are not carried into our view).
  const witness = await regionKey("witness");
  const logged = `${opened.note.text}\n${opened.note.verified.map((s) => `${sigLine(s)}\n`).join("")}`;
  const cosigned = cosignCheckpoint(
    logged,
    { name: witness.name, privateKey: witness.privateKey, timestamp: Math.floor(ctx.now.getTime() / 1000) },
    [peerKey.verifier],
  );
  const ours = parseNote(cosigned.note).signatures.find((s) => s.name === witness.name && s.keyId === witness.keyId)!;
  const data = {
    origin,
    verifierKey: old?.verifierKey ?? keyText,
    size: BigInt(checkpoint.size),
    root: toBytes(checkpoint.root),
    checkpoint: cosigned.note,
    cosignature: sigLine(ours),
    checkedAt: ctx.now,
  };
  if (old) {
    // Optimistic: only over the view we checked against (another replica may have moved on).
    const { count } = await db.witnessedLog.updateMany({
      where: { region: peer.id, size: old.size, checkedAt: old.checkedAt },
      data,
    });
    if (count === 0) return ctx.ok("superseded", checkpoint.size, previousSize);
  } else {
    try {
      await db.witnessedLog.create({ data: { region: peer.id, ...data }, select: { region: true } });
    } catch {
      return ctx.ok("superseded", checkpoint.size, previousSize);
    }
  }
  return ctx.ok("cosigned", checkpoint.size, previousSize);
}

/** The checkpoint text of a note, if it is a checkpoint of `size`; null otherwise. */
function checkpointText(note: string, size: number): string | null {
  try {
    const { text } = parseNote(note);
    return parseCheckpoint(text).size === size ? text : null;
  } catch {
    return null;
  }
}

/**
 * Asks every other region, as a witness of this region's log, for its latest cosignature
 * (GET /api/v1/audit/witness/<this region>), checks it with that witness's key (pinned on first
 * contact) over exactly the checkpoint text this region signed at that size, and stores it in
 * audit_cosignatures, from where it is served with the checkpoint.
 */
export async function collectCosignatures(options: WitnessOptions = {}): Promise<PeerResult[]> {
  const db = await prisma();
  if (!(await db.auditCheckpoint.findFirst({ select: { size: true } }))) return [];
  const logVerifier = await ownLogVerifier();
  return eachPeer(options, "cosignature collection", (peer, ctx) => collectFrom(peer, ctx, logVerifier));
}

async function collectFrom(
  peer: Region,
  ctx: PeerContext,
  logVerifier: Awaited<ReturnType<typeof ownLogVerifier>>,
): Promise<PeerResult> {
  const { db, client } = ctx;
  const self = env().REGION;
  const origin = terraneOrigin(self);
  const keyText = (await client.text("/api/v1/audit/witness-key"))!.trim();
  const raw = await client.json(`/api/v1/audit/witness/${self}`, true);

  const pinned = await db.peerWitnessKey.findUnique({ where: { region: peer.id }, select: { verifierKey: true } });
  let witnessKey: ReturnType<typeof parsePeerKey>;
  try {
    witnessKey = parsePeerKey(pinned?.verifierKey ?? keyText, "witness", peer.id);
    if (!pinned) parsePeerKey(keyText, "witness", peer.id);
  } catch (err) {
    return ctx.fail("invalid", "peer_invalid", "witness_key", `unusable witness key: ${message(err)}`);
  }
  if (pinned && pinned.verifierKey !== keyText) {
    return ctx.fail(
      "key_changed",
      "peer_key_changed",
      `witness:${keyText}`,
      "the witness key differs from the one pinned on first contact",
      {
        detail: { purpose: "witness", pinned: pinned.verifierKey, presented: keyText.slice(0, 512) },
      },
    );
  }
  if (!pinned) {
    await db.peerWitnessKey.createMany({
      data: [{ region: peer.id, name: witnessKey.key.name, verifierKey: keyText }],
      skipDuplicates: true,
    });
  }
  if (raw === null) return ctx.ok("empty", null);

  const body = witnessedBody.safeParse(raw);
  const viewText = body.success ? checkpointText(body.data.checkpoint, body.data.size) : null;
  if (!body.success || body.data.region !== self || body.data.origin !== origin || viewText === null) {
    return ctx.fail("invalid", "peer_invalid", "witnessed_view", "malformed witnessed view of this region's log");
  }
  const view = body.data;
  const stored = await db.auditCheckpoint.findUnique({ where: { size: BigInt(view.size) }, select: { note: true } });
  if (!stored || parseNote(stored.note).text !== viewText) {
    // Signed with our key but never stored here: our key signed a tree we do not hold.
    let signedByUs: boolean;
    try {
      openCheckpoint(view.checkpoint, [logVerifier], { origin });
      signedByUs = true;
    } catch {
      signedByUs = false;
    }
    const reason = signedByUs
      ? `the witness holds a checkpoint of size ${view.size} signed with this region's key that this region never stored`
      : `the witness's view of size ${view.size} is not a checkpoint this region signed`;
    return ctx.fail(
      signedByUs ? "inconsistent" : "invalid",
      signedByUs ? "peer_inconsistent" : "peer_invalid",
      `view:${view.size}:${signedByUs}`,
      reason,
      {
        size: view.size,
        detail: { checkpoint: view.checkpoint.slice(0, 16 * 1024) },
      },
    );
  }

  const line = view.cosignature.replace(/\n$/, "");
  let timestamp: bigint;
  try {
    if (!line.startsWith("\u2014 ") || line.includes("\n")) throw new Error("not a single signature line");
    const nowSeconds = Math.floor(ctx.now.getTime() / 1000);
    const verified = verifyCosignedCheckpoint(`${stored.note}${line}\n`, [logVerifier], [witnessKey.verifier], {
      now: nowSeconds,
    });
    const mine = verified.cosignatures.find((c) => c.name === witnessKey.key.name && c.keyId === witnessKey.key.keyId);
    if (!mine) throw new Error("the line is not a cosignature by the pinned witness key");
    timestamp = mine.timestamp;
  } catch (err) {
    return ctx.fail("invalid", "peer_invalid", `cosignature:${view.size}`, `cosignature refused: ${message(err)}`, {
      size: view.size,
    });
  }

  const cosignedAt = new Date(Number(timestamp) * 1000);
  const key = { witness: witnessKey.key.name, size: BigInt(view.size) };
  const existing = await db.auditCosignature.findUnique({ where: { witness_size: key }, select: { cosignedAt: true } });
  if (existing && existing.cosignedAt.getTime() >= cosignedAt.getTime()) return ctx.ok("unchanged", view.size);
  await db.auditCosignature.upsert({
    where: { witness_size: key },
    create: { ...key, line, cosignedAt },
    update: { line, cosignedAt, receivedAt: ctx.now },
    select: { size: true },
  });
  return ctx.ok("stored", view.size);
}
