/**
 * The audit part of an evidence package, checked offline: both checkpoints under the region's
 * audit-log key, the consistency proof from the first to the newest, and every line of
 * `audit/entries.jsonl` (its leaf hash, SHA-256(0x00 ‖ line)) with the inclusion proof on the
 * same line of `audit/proofs.jsonl` against the first checkpoint's root. Both files are inflated
 * line by line side by side, so neither is ever held whole.
 */
import {
  CheckpointError,
  openCheckpoint,
  parseCheckpoint,
  type Checkpoint,
} from "../../modules/audit/domain/checkpoint";
import { decodeBase64Strict } from "../../modules/audit/domain/encoding";
import { leafHash } from "../../modules/audit/domain/hash";
import { verifierFromKey } from "../../modules/audit/domain/keys";
import { NoteError, parseNote } from "../../modules/audit/domain/note";
import { verifyConsistency, verifyInclusion } from "../../modules/audit/domain/verify";
import { keyLabel, type LoadedKey } from "../keys";
import { entryLines, ZipError } from "../zip";
import type { EvidencePackage, Findings, Manifest } from "./evidence";

const CHECKPOINT = "audit/checkpoint.txt";
const NEWEST = "audit/newest-checkpoint.txt";
const CONSISTENCY = "audit/consistency.json";
const ENTRIES = "audit/entries.jsonl";
const PROOFS = "audit/proofs.jsonl";
/** Line-level failures named one by one before the rest are counted. */
const LISTED = 10;

export interface AuditFacts {
  origin: string | null;
  checkpoint_size: number | null;
  newest_size: number | null;
  entries: number;
}

/**
 * Opens a checkpoint under the log's keys. On failure it is named, and its values are still
 * returned unverified (when it parses) so the proofs against it can be checked and named too.
 */
function openSigned(
  name: string,
  bytes: Buffer,
  keys: readonly LoadedKey[],
  expect: { origin: string; size: number },
  findings: Findings,
): Checkpoint | null {
  const labels = keys.map(keyLabel).join(" or ");
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(
      bytes,
      keys.map((k) => verifierFromKey(k.vkey)),
    ).checkpoint;
    findings.ok(`${name} is signed by ${labels} (${checkpoint.origin}, tree size ${checkpoint.size})`);
  } catch (e) {
    if (e instanceof NoteError && e.code === "unverified")
      findings.fail(name, `not signed by ${labels} (wrong key, or the signature line was altered)`);
    else if (e instanceof NoteError && e.code === "invalid-signature")
      findings.fail(name, `bad signature: ${e.message} (the checkpoint or its signature was altered)`);
    else if (e instanceof NoteError || e instanceof CheckpointError)
      findings.fail(name, `not a valid signed checkpoint: ${e.message}`);
    else throw e;
    try {
      checkpoint = parseCheckpoint(parseNote(bytes).text);
    } catch {
      return null;
    }
  }
  if (checkpoint.origin !== expect.origin)
    findings.fail(name, `is for the log ${checkpoint.origin}, manifest.json says ${expect.origin}`);
  if (checkpoint.size !== expect.size)
    findings.fail(name, `tree size ${checkpoint.size}, manifest.json says ${expect.size}`);
  return checkpoint;
}

function hashes(list: unknown): Buffer[] | null {
  if (!Array.isArray(list)) return null;
  const out: Buffer[] = [];
  for (const h of list) {
    const b = typeof h === "string" ? decodeBase64Strict(h) : null;
    if (b === null || b.length !== 32) return null;
    out.push(b);
  }
  return out;
}

function consistency(bytes: Buffer | null, first: Checkpoint | null, newest: Checkpoint | null, findings: Findings) {
  if (bytes === null || first === null || newest === null) return;
  let doc: { from?: unknown; hashes?: unknown; to?: unknown };
  try {
    doc = JSON.parse(bytes.toString("utf8")) as typeof doc;
  } catch {
    findings.fail(CONSISTENCY, "is not JSON");
    return;
  }
  const proof = hashes(doc.hashes);
  if (doc.from !== first.size || doc.to !== newest.size || proof === null) {
    findings.fail(
      CONSISTENCY,
      `is not a proof {"from":${first.size},"hashes":[base64…],"to":${newest.size}} between the two checkpoints`,
    );
    return;
  }
  if (verifyConsistency(first.size, newest.size, first.root, newest.root, proof))
    findings.ok(
      `${CONSISTENCY}: the tree of size ${first.size} is a prefix of the newest (size ${newest.size}): the log was only appended to`,
    );
  else
    findings.fail(
      CONSISTENCY,
      `the consistency proof from size ${first.size} to ${newest.size} fails: the newest checkpoint does not extend the first (or the proof was altered)`,
    );
}

/** Failures of one kind on many lines: the first few named, the rest counted. */
class LineFailures {
  #count = 0;
  constructor(
    private readonly findings: Findings,
    private readonly file: string,
    private readonly rest: string,
  ) {}
  add(message: string) {
    if (this.#count++ < LISTED) this.findings.fail(this.file, message);
  }
  close() {
    if (this.#count > LISTED) this.findings.fail(this.file, `… and ${this.#count - LISTED} more lines ${this.rest}`);
  }
  get count() {
    return this.#count;
  }
}

function parseProof(line: Buffer): { index: number; hashes: Buffer[] } | null {
  try {
    const doc = JSON.parse(line.toString("utf8")) as { index?: unknown; hashes?: unknown };
    const list = hashes(doc.hashes);
    if (typeof doc.index !== "number" || !Number.isSafeInteger(doc.index) || doc.index < 0 || list === null)
      return null;
    return { index: doc.index, hashes: list };
  } catch {
    return null;
  }
}

function parseObject(line: Buffer): { tenant?: unknown; at?: unknown } | null {
  try {
    const v: unknown = JSON.parse(line.toString("utf8"));
    return v !== null && typeof v === "object" ? (v as { tenant?: unknown; at?: unknown }) : null;
  } catch {
    return null;
  }
}

/** Each entry line with its proof line, in step; entries checked for the tenant and the period. */
async function inclusion(
  pkg: EvidencePackage,
  manifest: Manifest,
  checkpoint: Checkpoint,
  findings: Findings,
): Promise<number> {
  const entriesFile = pkg.entry(ENTRIES);
  const proofsFile = pkg.entry(PROOFS);
  if (!entriesFile || !proofsFile) return 0; // named missing by the file check
  const from = Date.parse(manifest.period.from);
  const to = Date.parse(manifest.period.to);
  const notIncluded = new LineFailures(findings, ENTRIES, "whose inclusion proofs fail");
  const badProofs = new LineFailures(findings, PROOFS, "that are not proofs");
  const foreign = new LineFailures(findings, ENTRIES, "that are not entries of the tenant in the period");
  const seen = new Set<number>();
  const entries = entryLines(entriesFile)[Symbol.asyncIterator]();
  const proofs = entryLines(proofsFile)[Symbol.asyncIterator]();
  let line = 0;
  try {
    for (;;) {
      const [e, p] = await Promise.all([entries.next(), proofs.next()]);
      if (e.done && p.done) break;
      line++;
      if (e.done || p.done) {
        findings.fail(
          e.done ? PROOFS : ENTRIES,
          `has more lines than ${e.done ? ENTRIES : PROOFS}: line ${line} has no counterpart (one proof per entry, line for line)`,
        );
        break;
      }
      const proof = parseProof(p.value);
      if (proof === null) {
        badProofs.add(`line ${line} is not {"hashes":[base64 of 32 bytes…],"index":N}`);
        continue;
      }
      if (seen.has(proof.index)) badProofs.add(`line ${line}: log index ${proof.index} is proven twice`);
      seen.add(proof.index);
      if (!verifyInclusion(leafHash(e.value), proof.index, checkpoint.size, proof.hashes, checkpoint.root))
        notIncluded.add(
          `line ${line} (log index ${proof.index}): inclusion proof fails: the entry and ${PROOFS} line ${line} do not lead to the root of ${CHECKPOINT} (the entry, its proof or its order was changed)`,
        );
      const entry = parseObject(e.value);
      const at = typeof entry?.at === "string" ? Date.parse(entry.at) : NaN;
      if (entry === null) foreign.add(`line ${line} is not a JSON audit entry`);
      else if (entry.tenant !== manifest.tenant.id)
        foreign.add(`line ${line} is not an entry of tenant ${manifest.tenant.id}`);
      else if (!(at >= from && at < to))
        foreign.add(
          `line ${line} was written ${typeof entry.at === "string" ? `at ${entry.at}` : 'at no time (no "at")'}, outside the period`,
        );
    }
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    findings.fail(e.message.startsWith(PROOFS) ? PROOFS : ENTRIES, `cannot be read: ${e.message}`);
  } finally {
    await Promise.all([entries.return?.(undefined), proofs.return?.(undefined)]);
  }
  notIncluded.close();
  badProofs.close();
  foreign.close();
  if (notIncluded.count + badProofs.count === 0)
    findings.ok(
      `${line} audit entries of ${ENTRIES} are in the signed tree of ${CHECKPOINT} (size ${checkpoint.size}), each by its inclusion proof in ${PROOFS}`,
    );
  return line;
}

export async function checkAudit(
  pkg: EvidencePackage,
  manifest: Manifest,
  logKeys: readonly LoadedKey[],
  findings: Findings,
): Promise<AuditFacts> {
  const log = manifest.audit_log;
  const [firstBytes, newestBytes, proofBytes] = [
    await pkg.read(CHECKPOINT),
    await pkg.read(NEWEST),
    await pkg.read(CONSISTENCY),
  ];
  const first =
    firstBytes &&
    openSigned(CHECKPOINT, firstBytes, logKeys, { origin: log.origin, size: log.checkpoint_size }, findings);
  const newest =
    newestBytes && openSigned(NEWEST, newestBytes, logKeys, { origin: log.origin, size: log.newest_size }, findings);
  consistency(proofBytes, first, newest, findings);
  const entries = first ? await inclusion(pkg, manifest, first, findings) : 0;
  return {
    origin: first?.origin ?? null,
    checkpoint_size: first?.size ?? null,
    newest_size: newest?.size ?? null,
    entries,
  };
}
