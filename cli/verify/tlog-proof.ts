/**
 * Verifying a C2SP tlog-proof offline: the checkpoint's log signature, witness cosignatures
 * (when witness keys are given), and the inclusion of the entry at its index.
 *
 * The entry: Terrane's downloadable proofs carry the entry's leaf bytes (its RFC 8785
 * canonical JSON) base64 in the proof's `extra` line. `extra` is not authenticated by the
 * format, but the leaf hash is recomputed from those bytes, so the entry shown is exactly
 * the entry the signed tree holds — or the proof fails. `--entry <file>` supplies the bytes
 * instead (and must then equal `extra` when the proof has one).
 */
import * as fs from "node:fs";
import { CheckpointError } from "../../modules/audit/domain/checkpoint";
import { NoteError, parseNote } from "../../modules/audit/domain/note";
import {
  TLOG_PROOF_HEADER,
  TlogProofError,
  parseTlogProof,
  verifyTlogProof,
} from "../../modules/audit/domain/tlog-proof";
import { count, str, strs } from "../args";
import { describeEntry, entryBytesFromFile, parseEntry } from "../entry";
import { InputError, UsageError, VerificationError } from "../errors";
import { keyLabel, loadAllKeys } from "../keys";
import type { CommandResult } from "../report";
import type { FileVerifier, VerifyContext } from "./index";

const HEADER = Buffer.from(`${TLOG_PROOF_HEADER}\n`, "utf8");

function verificationFailure(e: TlogProofError, keys: string): VerificationError {
  const cause = e.cause;
  switch (e.code) {
    case "malformed":
      return new VerificationError("malformed_proof", `verification failed: ${e.message}`);
    case "checkpoint":
      if (cause instanceof NoteError) {
        if (cause.code === "unverified") {
          return new VerificationError(
            "wrong_key",
            `verification failed: the checkpoint is not signed by ${keys} (wrong key, or the signature line was altered)`,
          );
        }
        if (cause.code === "invalid-signature") {
          return new VerificationError(
            "bad_signature",
            `verification failed: bad signature: ${cause.message} (the checkpoint or its signature was altered)`,
          );
        }
        return new VerificationError(
          "malformed_checkpoint",
          `verification failed: the checkpoint is not a valid signed note: ${cause.message}`,
        );
      }
      if (cause instanceof CheckpointError) {
        return new VerificationError(
          "malformed_checkpoint",
          `verification failed: malformed checkpoint: ${cause.message}`,
        );
      }
      return new VerificationError("bad_checkpoint", `verification failed: ${e.message}`);
    case "origin":
      return new VerificationError("wrong_origin", `verification failed: ${e.message}`);
    case "witnesses":
      return new VerificationError("witness_quorum", `verification failed: witness quorum not met: ${e.message}`);
    case "inclusion":
      return new VerificationError(
        "inclusion_failed",
        `verification failed: the entry is not in the log: ${e.message} (entry bytes, index or proof hashes do not match the signed tree)`,
      );
  }
}

function verify(ctx: VerifyContext): CommandResult {
  const { values, file } = ctx;
  const keySpecs = strs(values.key);
  if (keySpecs.length === 0) {
    throw new UsageError(
      "bad_arguments",
      "verify needs the log's key: --key <verifier key | key file | JWKS file>; see: terrane verify --help",
    );
  }
  const keyName = str(values["key-name"]);
  const logKeys = loadAllKeys(keySpecs, "log", { flag: "--key", ...(keyName !== undefined ? { keyName } : {}) });
  const witnesses = loadAllKeys(strs(values["witness-key"]), "witness", { flag: "--witness-key" });
  const quorum = count(values.quorum, "--quorum", "verify") ?? witnesses.length;
  if (quorum > witnesses.length) {
    throw new UsageError(
      "bad_arguments",
      `--quorum ${quorum} needs at least ${quorum} --witness-key (got ${witnesses.length})`,
    );
  }
  const origin = str(values.origin);

  let parsed: ReturnType<typeof parseTlogProof>;
  try {
    parsed = parseTlogProof(ctx.bytes);
  } catch (e) {
    if (e instanceof TlogProofError) throw verificationFailure(e, "");
    throw e;
  }

  // The entry's leaf bytes: --entry, else the proof's extra.
  const entryFile = str(values.entry);
  let entryBytes: Buffer;
  let entrySource: string;
  let canonicalised = false;
  if (entryFile !== undefined) {
    let raw: Buffer;
    try {
      raw = fs.readFileSync(entryFile);
    } catch (e) {
      throw new InputError(
        "unreadable_file",
        `cannot read --entry ${entryFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    const got = entryBytesFromFile(raw);
    entryBytes = got.bytes;
    canonicalised = got.canonicalised;
    entrySource = entryFile;
    if (parsed.extra !== undefined && !parsed.extra.equals(entryBytes)) {
      throw new VerificationError(
        "entry_mismatch",
        `verification failed: the entry in ${entryFile} is not the entry carried in the proof's extra field`,
      );
    }
  } else if (parsed.extra !== undefined) {
    entryBytes = parsed.extra;
    entrySource = "extra";
  } else {
    throw new InputError(
      "no_entry",
      `${file} carries no entry (no "extra" line): give the entry's JSON with --entry <file> (download the proof from the tenant's audit log page to get one that carries it)`,
    );
  }

  const labels = logKeys.map(keyLabel).join(" or ");
  let verified: ReturnType<typeof verifyTlogProof>;
  try {
    verified = verifyTlogProof(
      ctx.bytes,
      { entryBytes },
      logKeys.map((k) => k.vkey),
      {
        witnesses: witnesses.map((w) => w.vkey),
        witnessQuorum: quorum,
        now: Math.floor(ctx.io.now().getTime() / 1000),
        ...(origin !== undefined ? { origin } : {}),
      },
    );
  } catch (e) {
    if (e instanceof TlogProofError) throw verificationFailure(e, labels);
    throw e;
  }

  const { checkpoint, cosignatures } = verified;
  const signatures = parseNote(parsed.checkpoint).signatures;
  const logSig = signatures.find((s) => logKeys.some((k) => k.name === s.name && k.keyId === s.keyId));
  const signedBy = logSig ? keyLabel(logSig) : labels;
  const counted = new Set(cosignatures.map((c) => `${c.keyId}:${c.name}`));
  const unchecked = signatures.filter(
    (s) =>
      s !== logSig &&
      !counted.has(`${s.keyId}:${s.name}`) &&
      !logKeys.some((k) => k.name === s.name && k.keyId === s.keyId),
  );
  const entry = parseEntry(entryBytes);

  const details: string[] = [];
  details.push(entry ? `entry: ${describeEntry(entry)}` : "entry: (leaf bytes are not a JSON object)");
  details.push(
    `entry bytes from: ${entrySource === "extra" ? "the proof's extra field" : `${entrySource}${canonicalised ? " (re-serialised as RFC 8785 canonical JSON)" : ""}`}`,
  );
  details.push(`leaf hash: ${verified.leafHash.toString("hex")}`);
  details.push(`checkpoint: ${checkpoint.origin}, size ${checkpoint.size}, root ${checkpoint.root.toString("base64")}`);
  if (witnesses.length > 0) {
    const who = cosignatures.map((c) => `${keyLabel(c)} at ${new Date(Number(c.timestamp) * 1000).toISOString()}`);
    details.push(
      `witnesses: ${cosignatures.length} of ${witnesses.length} given cosigned (quorum ${quorum})${who.length ? `: ${who.join("; ")}` : ""}`,
    );
  }
  if (unchecked.length > 0) {
    details.push(`not checked (no key given): ${unchecked.map((s) => keyLabel(s)).join(", ")}`);
  }

  return {
    summary: `verified: entry ${verified.index} is in ${checkpoint.origin} (tree size ${checkpoint.size}), checkpoint signed by ${signedBy}`,
    details,
    json: {
      type: "tlog-proof",
      file,
      index: verified.index,
      leaf_hash: verified.leafHash.toString("hex"),
      checkpoint: { origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root.toString("base64") },
      signed_by: signedBy,
      witnesses: cosignatures.map((c) => ({ key: keyLabel(c), timestamp: Number(c.timestamp) })),
      witness_quorum: quorum,
      unchecked_signatures: unchecked.map((s) => keyLabel(s)),
      entry_source: entrySource === "extra" ? "extra" : "file",
      entry_canonicalised: canonicalised,
      entry,
    },
  };
}

export const tlogProofVerifier: FileVerifier = {
  type: "tlog-proof",
  detect: (bytes) => bytes.subarray(0, HEADER.length).equals(HEADER),
  verify,
};
