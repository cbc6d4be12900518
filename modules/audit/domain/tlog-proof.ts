/**
 * C2SP tlog-proof (c2sp.org/tlog-proof@v1): a self-contained, offline-verifiable proof that an
 * entry is in the log — what `terrane verify <file.tlog-proof>` checks.
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64>          optional, opaque, NOT authenticated
 *   index <N>               0-based, decimal, no leading zeros
 *   <base64 hash>           zero or more: the RFC 6962 inclusion proof, leaf's sibling first
 *   <empty line>
 *   <checkpoint note>       verbatim: body, blank line, log signature, witness cosignatures
 *
 * Files SHOULD use the extension ".tlog-proof".
 */
import { parseCheckpoint, type Checkpoint } from "./checkpoint";
import { verifyCosignedCheckpoint, type VerifiedCosignature } from "./cosignature";
import { decodeBase64Strict, encodeBase64, parseDecimalStrict, toText } from "./encoding";
import { HASH_SIZE, leafHash as hashLeaf, type Hash } from "./hash";
import { verifierFromKey } from "./keys";
import { parseNote, type NoteVerifier } from "./note";
import { inclusionProof, type NodeReader } from "./proofs";
import { verifyInclusion } from "./verify";

export const TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";

/** A tree of at most 2^63 leaves has inclusion proofs of at most 63 hashes. */
const MAX_PROOF_HASHES = 63;

export interface TlogProof {
  readonly index: number;
  /** Opaque extra data, if the proof carries an "extra" line. Unauthenticated. */
  readonly extra?: Buffer;
  readonly proof: readonly Hash[];
  /** The signed checkpoint note, verbatim. */
  readonly checkpoint: string;
}

export type TlogProofErrorCode = "malformed" | "checkpoint" | "origin" | "witnesses" | "inclusion";

export class TlogProofError extends Error {
  constructor(
    readonly code: TlogProofErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TlogProofError";
  }
}

export function formatTlogProof(p: TlogProof): string {
  if (!Number.isSafeInteger(p.index) || p.index < 0) {
    throw new TlogProofError("malformed", "index must be a non-negative safe integer");
  }
  if (p.proof.length > MAX_PROOF_HASHES || p.proof.some((h) => h.byteLength !== HASH_SIZE)) {
    throw new TlogProofError("malformed", "proof must be at most 63 hashes of 32 bytes");
  }
  parseNote(p.checkpoint); // must be a syntactically valid signed note
  const lines = [TLOG_PROOF_HEADER];
  if (p.extra !== undefined) lines.push(`extra ${encodeBase64(p.extra)}`);
  lines.push(`index ${p.index}`, ...p.proof.map((h) => encodeBase64(h)), "");
  return `${lines.join("\n")}\n${p.checkpoint}`;
}

/** Strict parse of the proof text; the checkpoint is returned unverified. Throws TlogProofError. */
export function parseTlogProof(input: string | Uint8Array): TlogProof {
  const text = toText(input);
  const bad = (why: string) => new TlogProofError("malformed", `malformed tlog-proof: ${why}`);
  if (text === null) throw bad("not valid UTF-8");
  let at = 0;
  const nextLine = (): string => {
    const nl = text.indexOf("\n", at);
    if (nl < 0) throw bad("unexpected end of proof");
    const line = text.slice(at, nl);
    at = nl + 1;
    return line;
  };
  if (nextLine() !== TLOG_PROOF_HEADER) throw bad(`first line must be ${TLOG_PROOF_HEADER}`);
  let line = nextLine();
  let extra: Buffer | undefined;
  if (line.startsWith("extra ")) {
    const decoded = decodeBase64Strict(line.slice("extra ".length));
    if (decoded === null) throw bad("extra data is not canonical base64");
    extra = decoded;
    line = nextLine();
  }
  if (!line.startsWith("index ")) throw bad('missing "index" line');
  const index = parseDecimalStrict(line.slice("index ".length));
  if (index === null) throw bad("index is not a decimal without leading zeros, at most 2^63-1");
  if (index > BigInt(Number.MAX_SAFE_INTEGER)) throw bad("indexes above 2^53-1 are not supported");
  const proof: Hash[] = [];
  for (line = nextLine(); line !== ""; line = nextLine()) {
    const h = decodeBase64Strict(line);
    if (h === null || h.length !== HASH_SIZE) throw bad("proof lines must be canonical base64 of 32 bytes");
    if (proof.length === MAX_PROOF_HASHES) throw bad("more than 63 proof hashes");
    proof.push(h);
  }
  const checkpoint = text.slice(at);
  if (checkpoint === "") throw bad("missing checkpoint");
  return { index: Number(index), ...(extra === undefined ? {} : { extra }), proof, checkpoint };
}

/**
 * Builds the tlog-proof for entry `index` from stored nodes and the signed checkpoint to prove
 * against (the note as served, cosignatures included).
 */
export async function createTlogProof(
  reader: NodeReader,
  index: number,
  signedCheckpoint: string,
  extra?: Uint8Array,
): Promise<string> {
  const { size } = parseCheckpoint(parseNote(signedCheckpoint).text);
  const proof = await inclusionProof(reader, index, size);
  return formatTlogProof({
    index,
    proof,
    checkpoint: signedCheckpoint,
    ...(extra ? { extra: Buffer.from(extra) } : {}),
  });
}

export interface TlogProofOptions {
  /** Required origin line, e.g. "terrane/eu-central-1". */
  readonly origin?: string;
  /** Witness keys (cosignature/v1) whose cosignatures count toward `witnessQuorum`. */
  readonly witnesses?: readonly (NoteVerifier | string)[];
  /** How many distinct configured witnesses must have cosigned (default 0). */
  readonly witnessQuorum?: number;
  /** Current POSIX time in seconds, to refuse cosignatures dated in the future. */
  readonly now?: bigint | number;
}

export interface VerifiedTlogProof {
  readonly index: number;
  readonly leafHash: Hash;
  readonly checkpoint: Checkpoint;
  readonly cosignatures: readonly VerifiedCosignature[];
  /** Unauthenticated: do not trust it because the proof verified. */
  readonly extra?: Buffer;
}

const asVerifier = (v: NoteVerifier | string) => (typeof v === "string" ? verifierFromKey(v) : v);

/**
 * Verifies a tlog-proof offline: the checkpoint's log signature (by one of `logKeys`), its
 * origin, optionally a witness quorum, and the inclusion of the entry at the index in the
 * checkpointed tree. The entry is given either as its leaf hash or as its bytes (the canonical
 * JSON of the entry), which are then hashed as a leaf. Throws TlogProofError (or NoteError for
 * a key string that is not a valid verifier key).
 */
export function verifyTlogProof(
  text: string | Uint8Array,
  entry: { readonly leafHash: Uint8Array } | { readonly entryBytes: Uint8Array },
  logKeys: readonly (NoteVerifier | string)[],
  options: TlogProofOptions = {},
): VerifiedTlogProof {
  // Key strings that do not parse are a configuration error, thrown as the NoteError it is.
  const logVerifiers = logKeys.map(asVerifier);
  const witnesses = (options.witnesses ?? []).map(asVerifier);
  const parsed = parseTlogProof(text);
  let verified: ReturnType<typeof verifyCosignedCheckpoint>;
  try {
    const now = options.now !== undefined ? { now: options.now } : {};
    verified = verifyCosignedCheckpoint(parsed.checkpoint, logVerifiers, witnesses, now);
  } catch (e) {
    throw new TlogProofError("checkpoint", `checkpoint not verified: ${(e as Error).message}`, { cause: e });
  }
  const { checkpoint, cosignatures } = verified;
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new TlogProofError("origin", `checkpoint is for "${checkpoint.origin}", expected "${options.origin}"`);
  }
  const quorum = options.witnessQuorum ?? 0;
  const distinct = new Set(cosignatures.map((c) => `${c.keyId}:${c.name}`)).size;
  if (distinct < quorum)
    throw new TlogProofError("witnesses", `${distinct} of the required ${quorum} witnesses cosigned`);
  const leaf = "leafHash" in entry ? Buffer.from(entry.leafHash) : hashLeaf(entry.entryBytes);
  if (leaf.length !== HASH_SIZE) throw new TlogProofError("malformed", "leaf hash must be 32 bytes");
  if (parsed.index >= checkpoint.size) {
    throw new TlogProofError("inclusion", `index ${parsed.index} is not in a tree of ${checkpoint.size} entries`);
  }
  if (!verifyInclusion(leaf, parsed.index, checkpoint.size, parsed.proof, checkpoint.root)) {
    throw new TlogProofError("inclusion", "inclusion proof does not lead to the checkpoint's root");
  }
  const extra = parsed.extra ? { extra: parsed.extra } : {};
  return { index: parsed.index, leafHash: leaf, checkpoint, cosignatures, ...extra };
}
