/**
 * `terrane audit verify --url <instance>`: checks a region's whole log from outside.
 *
 *  1. Fetch the signed checkpoint; check the log's signature with the key given (--key) or
 *     served by the instance and pinned on first use (a different key later is a failure).
 *  2. Check witness cosignatures: keys from --witness-key, or discovered from the peer
 *     regions the instance lists (each peer's own /api/v1/audit/witness-key), pinned.
 *  3. Check the checkpoint is consistent with the last one this machine verified (state
 *     file), with the log's consistency proof: a rewritten or rolled-back log fails.
 *  4. Download every leaf hash, recompute the root (CompactRange), compare with the signed
 *     root; on a mismatch, locate and name the breakage (locate.ts).
 *  5. Save the new checkpoint and pins.
 *
 * Leaf hashes are public, entry contents are not: this checks the tree and the signatures.
 * Whether each stored entry still hashes to its leaf is the region's own background
 * verifier's job, and per-entry proofs (`terrane verify x.tlog-proof`) check single entries.
 */
import { CheckpointError, parseCheckpoint, type Checkpoint } from "../../modules/audit/domain/checkpoint";
import { CompactRange } from "../../modules/audit/domain/compact-range";
import { verifyCosignedCheckpoint, type VerifiedCosignature } from "../../modules/audit/domain/cosignature";
import { hashEquals } from "../../modules/audit/domain/hash";
import { parseVerifierKey, verifierFromKey } from "../../modules/audit/domain/keys";
import { NoteError, SIG_TYPE_ED25519, parseNote } from "../../modules/audit/domain/note";
import { verifyConsistency } from "../../modules/audit/domain/verify";
import { SIG_TYPE_COSIGNATURE_V1 } from "../../modules/audit/domain/cosignature";
import { count, parse, str, strs } from "../args";
import { NetworkError, UsageError, VerificationError } from "../errors";
import type { CliIo } from "../io";
import { keyLabel, loadAllKeys, type LoadedKey } from "../keys";
import type { CommandResult, Reporter } from "../report";
import { AuditClient, MAX_LEAVES_PAGE, normaliseInstanceUrl } from "./client";
import { describeBreakage, locateBreakage, type ServedLeaves } from "./locate";
import { defaultStatePath, loadState, saveState, type LogState } from "./state";

export const AUDIT_VERIFY_OPTIONS = {
  url: { type: "string" },
  state: { type: "string" },
  key: { type: "string", multiple: true },
  "key-name": { type: "string" },
  "witness-key": { type: "string", multiple: true },
  quorum: { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Leaves kept in memory to locate a breakage (32 bytes each); larger logs are checked without it. */
const LOCATE_LIMIT = 16_000_000;
/** Leaf pages fetched concurrently. */
const WINDOW = 4;

const broken = (code: string, problem: string, details: Record<string, unknown> = {}) =>
  new VerificationError(code, `integrity broken: ${problem}`, details);

interface Witness {
  readonly key: LoadedKey;
  /** Peer region id when discovered, undefined when given with --witness-key. */
  readonly region?: string;
}

function describeTime(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

function unverifiedCheckpoint(note: string): Checkpoint {
  try {
    return parseCheckpoint(parseNote(note).text);
  } catch (e) {
    throw broken("malformed_checkpoint", `the instance serves a malformed checkpoint: ${(e as Error).message}`);
  }
}

/** The log key to check the checkpoint with: --key, or served and pinned on first use. */
async function logKeys(
  client: AuditClient,
  specs: string[],
  keyName: string | undefined,
  log: LogState,
  reporter: Reporter,
): Promise<{ keys: LoadedKey[]; source: "flag" | "pinned" | "first-use" }> {
  if (specs.length > 0) {
    const keys = loadAllKeys(specs, "log", { flag: "--key", ...(keyName !== undefined ? { keyName } : {}) });
    if (log.key !== undefined && !keys.some((k) => k.vkey === log.key)) {
      reporter.warn(`--key replaces the pinned log key ${keyLabel(parseVerifierKey(log.key))} for this log`);
    }
    return { keys, source: "flag" };
  }
  const served = await client.logKey();
  let parsed: ReturnType<typeof parseVerifierKey>;
  try {
    parsed = parseVerifierKey(served);
  } catch (e) {
    throw new NetworkError(
      "bad_response",
      `${client.baseUrl}/api/v1/audit/key did not answer a verifier key: ${(e as Error).message}`,
    );
  }
  const key: LoadedKey = { vkey: served, name: parsed.name, keyId: parsed.keyId, type: parsed.type, source: "served" };
  if (log.key !== undefined && log.key !== served) {
    const pinned = parseVerifierKey(log.key);
    throw broken(
      "key_changed",
      `the log key changed: ${keyLabel(pinned)} was pinned on first use, the instance now serves ${keyLabel(parsed)} ` +
        "(if the region really rotated its key, check the new one out of band and pass it with --key)",
      { pinned: log.key, served },
    );
  }
  if (parsed.type !== SIG_TYPE_ED25519) {
    throw broken(
      "wrong_key_type",
      `the instance serves ${keyLabel(parsed)} as its log key, but it is not an Ed25519 log key (type 0x01)`,
    );
  }
  return { keys: [key], source: log.key === undefined ? "first-use" : "pinned" };
}

/** Witness keys of the peer regions the instance lists, each fetched from the peer itself and pinned. */
async function discoverWitnesses(
  client: AuditClient,
  origin: string,
  log: LogState,
  io: CliIo,
  reporter: Reporter,
  timeoutMs: number,
): Promise<Witness[]> {
  const pinnedOnly = (): Witness[] =>
    Object.entries(log.witnesses).map(([region, vkey]) => {
      const k = parseVerifierKey(vkey);
      return { region, key: { vkey, name: k.name, keyId: k.keyId, type: k.type, source: "pinned" } };
    });
  let list: Awaited<ReturnType<AuditClient["regions"]>>;
  try {
    list = await client.regions();
  } catch (e) {
    reporter.warn(
      `cannot list the peer regions (${(e as Error).message}); using the ${Object.keys(log.witnesses).length} pinned witness key(s)`,
    );
    return pinnedOnly();
  }
  if (`terrane/${list.current}` !== origin) {
    reporter.warn(`the instance says it is region ${list.current}, but its checkpoint is for ${origin}`);
  }
  const peers = list.regions.filter((r) => r.id !== list.current && `terrane/${r.id}` !== origin);
  const found = await Promise.all(
    peers.map(async (peer): Promise<Witness | null> => {
      const pinned = log.witnesses[peer.id];
      let served: string | null = null;
      try {
        served = await new AuditClient(normaliseInstanceUrl(peer.url), io.fetch, timeoutMs).witnessKey();
      } catch (e) {
        reporter.warn(
          `cannot get the witness key of ${peer.id} (${(e as Error).message})${pinned ? "; using its pinned key" : ""}`,
        );
      }
      let vkey = pinned ?? null;
      if (served !== null) {
        let parsed: ReturnType<typeof parseVerifierKey> | null = null;
        try {
          parsed = parseVerifierKey(served);
        } catch {
          reporter.warn(`${peer.id} does not serve a valid witness key; ignoring it`);
        }
        if (parsed && parsed.type !== SIG_TYPE_COSIGNATURE_V1) {
          reporter.warn(
            `${peer.id} serves ${keyLabel(parsed)} as its witness key, but it is not a cosignature/v1 key; ignoring it`,
          );
        } else if (parsed && pinned !== undefined && pinned !== served) {
          reporter.warn(
            `${peer.id} now serves the witness key ${keyLabel(parsed)}, not the pinned ${keyLabel(parseVerifierKey(pinned))}; keeping the pinned key (remove it from the state file to accept the new one)`,
          );
        } else if (parsed) {
          vkey = served;
        }
      }
      if (vkey === null) return null;
      const k = parseVerifierKey(vkey);
      return { region: peer.id, key: { vkey, name: k.name, keyId: k.keyId, type: k.type, source: `${peer.url}` } };
    }),
  );
  const witnesses = found.filter((w): w is Witness => w !== null);
  // Pinned witnesses of regions no longer listed still count: a pin is not revoked by omission.
  for (const w of pinnedOnly()) if (!witnesses.some((x) => x.region === w.region)) witnesses.push(w);
  return witnesses;
}

interface Download {
  readonly served: number;
  readonly root: Buffer;
  readonly kept: ServedLeaves | null;
  /** Ranges for which the instance returned fewer leaves than the range holds. */
  readonly short: { start: number; end: number; got: number }[];
}

async function downloadLeaves(client: AuditClient, size: number, io: CliIo, reporter: Reporter): Promise<Download> {
  const range = CompactRange.empty();
  const keep = size <= LOCATE_LIMIT ? Buffer.allocUnsafe(size * 32) : null;
  const short: Download["short"] = [];
  let served = 0;
  const chunks = Math.ceil(size / MAX_LEAVES_PAGE);
  const fetchChunk = async (c: number) => {
    const start = c * MAX_LEAVES_PAGE;
    const end = Math.min(size, start + MAX_LEAVES_PAGE);
    const leaves: Buffer[] = [];
    let at = start;
    while (at < end) {
      const page = await client.leaves(at, end);
      if (page.end === at) break; // no progress: the log ends here
      if (page.leaves.length < page.end - at) short.push({ start: at, end: page.end, got: page.leaves.length });
      leaves.push(...page.leaves);
      at = page.end;
    }
    if (at < end) short.push({ start: at, end, got: 0 });
    return leaves;
  };
  const inflight: Promise<Buffer[]>[] = [];
  let next = 0;
  const launch = () => {
    while (inflight.length < WINDOW && next < chunks) {
      const p = fetchChunk(next++);
      p.catch(() => undefined); // awaited in order below; this only keeps Node from calling it unhandled
      inflight.push(p);
    }
  };
  launch();
  const every = io.progressEvery;
  while (inflight.length > 0) {
    const leaves = await inflight.shift()!;
    launch();
    for (const leaf of leaves) {
      range.append(leaf);
      keep?.set(leaf, served * 32);
      served++;
      if (served % every === 0) reporter.progress(`audit verify: ${served} of ${size} leaves hashed`);
    }
  }
  return { served, root: range.root(), kept: keep ? { bytes: keep, count: served } : null, short };
}

export async function auditVerifyCommand(
  args: readonly string[],
  io: CliIo,
  reporter: Reporter,
): Promise<CommandResult | "help"> {
  const { values, positionals } = parse(args, AUDIT_VERIFY_OPTIONS, "audit verify");
  if (values.help) return "help";
  if (positionals.length > 0)
    throw new UsageError("bad_arguments", `unexpected argument ${positionals[0]} (see: terrane audit verify --help)`);
  const rawUrl = str(values.url);
  if (rawUrl === undefined)
    throw new UsageError("bad_arguments", "audit verify needs --url <instance URL> (see: terrane audit verify --help)");
  const base = normaliseInstanceUrl(rawUrl);
  const timeoutMs = (count(values.timeout, "--timeout", "audit verify") ?? 30) * 1000;
  const witnessSpecs = strs(values["witness-key"]);
  const flagWitnesses = loadAllKeys(witnessSpecs, "witness", { flag: "--witness-key" });
  const quorumFlag = count(values.quorum, "--quorum", "audit verify");
  if (witnessSpecs.length > 0 && quorumFlag !== undefined && quorumFlag > flagWitnesses.length) {
    throw new UsageError(
      "bad_arguments",
      `--quorum ${quorumFlag} needs at least ${quorumFlag} --witness-key (got ${flagWitnesses.length})`,
    );
  }
  const keySpecs = strs(values.key);
  const keyName = str(values["key-name"]);
  // Load --key before any network traffic, so a bad key is a usage error, not a half run.
  if (keySpecs.length > 0)
    loadAllKeys(keySpecs, "log", { flag: "--key", ...(keyName !== undefined ? { keyName } : {}) });
  const statePath = str(values.state) ?? defaultStatePath(io.homedir());
  const state = loadState(statePath);
  const started = Date.now();
  const client = new AuditClient(base, io.fetch, timeoutMs);

  // 1. The checkpoint and the log key.
  const note = await client.checkpoint();
  const claimed = unverifiedCheckpoint(note);
  const origin = claimed.origin;
  const knownOrigin = state.urls[base];
  if (knownOrigin !== undefined && knownOrigin !== origin) {
    throw broken("origin_changed", `${base} served the log ${knownOrigin} before, now ${origin}`, {
      previous: knownOrigin,
      now: origin,
    });
  }
  const log: LogState = structuredClone(state.logs[origin] ?? { url: base, witnesses: {} });
  const { keys, source: keySource } = await logKeys(client, keySpecs, keyName, log, reporter);

  // 2. Witnesses.
  const witnesses: Witness[] =
    flagWitnesses.length > 0
      ? flagWitnesses.map((key) => ({ key }))
      : await discoverWitnesses(client, origin, log, io, reporter, timeoutMs);
  const uniqueWitnesses = witnesses.filter((w, i) => witnesses.findIndex((x) => x.key.vkey === w.key.vkey) === i);
  const quorum = quorumFlag ?? flagWitnesses.length;

  // 3. Signatures.
  const labels = keys.map(keyLabel).join(" or ");
  let verified: ReturnType<typeof verifyCosignedCheckpoint>;
  try {
    verified = verifyCosignedCheckpoint(
      note,
      keys.map((k) => verifierFromKey(k.vkey)),
      uniqueWitnesses.map((w) => verifierFromKey(w.key.vkey)),
      { now: Math.floor(io.now().getTime() / 1000) },
    );
  } catch (e) {
    if (e instanceof NoteError && e.code === "unverified") {
      throw broken("bad_signature", `bad signature: the checkpoint is not signed by the log key ${labels}`);
    }
    if (e instanceof NoteError && e.code === "invalid-signature") {
      throw broken("bad_signature", `bad signature: ${e.message} (the checkpoint or a signature line was altered)`);
    }
    if (e instanceof NoteError || e instanceof CheckpointError)
      throw broken("malformed_checkpoint", `malformed checkpoint: ${e.message}`);
    throw e;
  }
  const { checkpoint, cosignatures } = verified;
  const logSig = verified.log[0]!;
  const signingKey = keys.find((k) => k.name === logSig.name && k.keyId === logSig.keyId)!;
  const cosignedBy = (w: Witness): VerifiedCosignature | undefined =>
    cosignatures.find((c) => c.name === w.key.name && c.keyId === w.key.keyId);
  const cosigned = uniqueWitnesses.filter((w) => cosignedBy(w) !== undefined);
  if (cosigned.length < quorum) {
    throw broken(
      "witness_quorum",
      `witness quorum not met: ${cosigned.length} of the required ${quorum} witnesses cosigned this checkpoint` +
        (cosigned.length ? ` (${cosigned.map((w) => keyLabel(w.key)).join(", ")})` : ""),
    );
  }

  // 4. Consistency with the checkpoint verified last time.
  const previous = log.checkpoint;
  let consistency: "first-run" | "unchanged" | "consistent" = "first-run";
  if (previous !== undefined) {
    const prevRoot = Buffer.from(previous.root, "base64");
    const since = `the checkpoint of size ${previous.size} verified at ${previous.verified_at}`;
    if (previous.size > checkpoint.size) {
      throw broken(
        "inconsistent",
        `inconsistent with the previous checkpoint: the log shrank from ${previous.size} to ${checkpoint.size} entries since ${since} (rolled back)`,
        {
          previous_size: previous.size,
        },
      );
    }
    if (previous.size === checkpoint.size) {
      if (!hashEquals(prevRoot, checkpoint.root)) {
        throw broken(
          "inconsistent",
          `inconsistent with the previous checkpoint: same size ${previous.size} but a different root than ${since} (log rewritten)`,
          {
            previous_size: previous.size,
          },
        );
      }
      consistency = "unchanged";
    } else {
      const { proof } = await client.consistency(previous.size, checkpoint.size);
      if (!verifyConsistency(previous.size, checkpoint.size, prevRoot, checkpoint.root, proof)) {
        throw broken(
          "inconsistent",
          `inconsistent with the previous checkpoint: the log's tree of ${checkpoint.size} does not extend ${since} (log rewritten after the previous run)`,
          { previous_size: previous.size },
        );
      }
      consistency = "consistent";
    }
  }

  // 5. Every leaf, and the root.
  const download = await downloadLeaves(client, checkpoint.size, io, reporter);
  if (download.served !== checkpoint.size || !hashEquals(download.root, checkpoint.root)) {
    const breakage = download.kept ? await locateBreakage(client, download.kept, checkpoint).catch(() => null) : null;
    if (breakage) {
      // first_bad_index only where an inclusion proof confirmed it (or the truncation point).
      const at = "index" in breakage ? breakage.index : breakage.kind === "truncated" ? breakage.served : null;
      const code =
        breakage.kind === "unlocated"
          ? download.served !== checkpoint.size
            ? "truncated"
            : "root_mismatch"
          : breakage.kind;
      throw broken(code, describeBreakage(breakage, download.served, checkpoint.size), {
        ...(at !== null ? { first_bad_index: at } : {}),
        served: download.served,
        size: checkpoint.size,
        ...(breakage.kind === "leaves_reordered" ? { other_index: breakage.other, swapped: breakage.swapped } : {}),
        ...(breakage.kind === "leaf_mismatch" ? { verified_prefix: breakage.verifiedPrefix } : {}),
      });
    }
    if (download.served !== checkpoint.size) {
      throw broken(
        "truncated",
        `the log serves ${download.served} leaves, but its signed checkpoint covers ${checkpoint.size} (entries deleted or the log truncated)`,
        {
          served: download.served,
          size: checkpoint.size,
        },
      );
    }
    throw broken(
      "root_mismatch",
      `root mismatch: the ${checkpoint.size} leaves served hash to ${download.root.toString("base64")}, the signed checkpoint says ${checkpoint.root.toString("base64")}`,
      { size: checkpoint.size },
    );
  }

  // 6. Remember what was verified.
  const verifiedAt = io.now().toISOString();
  log.url = base;
  log.key = signingKey.vkey;
  for (const w of uniqueWitnesses)
    if (w.region !== undefined && log.witnesses[w.region] === undefined) log.witnesses[w.region] = w.key.vkey;
  log.checkpoint = { size: checkpoint.size, root: checkpoint.root.toString("base64"), note, verified_at: verifiedAt };
  state.logs[origin] = log;
  state.urls[base] = origin;
  try {
    saveState(statePath, state);
  } catch (e) {
    reporter.warn(`${(e as Error).message}: the next run cannot check consistency with this one`);
  }

  const seconds = (Date.now() - started) / 1000;
  const witnessJson = uniqueWitnesses.map((w) => {
    const c = cosignedBy(w);
    return {
      key: keyLabel(w.key),
      ...(w.region ? { region: w.region } : {}),
      cosigned: c !== undefined,
      ...(c ? { timestamp: Number(c.timestamp) } : {}),
    };
  });
  const details: string[] = [];
  details.push(
    `log key: ${keyLabel(signingKey)} (${keySource === "flag" ? "from --key" : keySource === "first-use" ? "pinned now, first use" : "pinned"})`,
  );
  if (uniqueWitnesses.length === 0) {
    details.push("witnesses: none known (the instance lists no reachable peers; pass --witness-key to name some)");
  } else {
    const yes = cosigned.map((w) => `${keyLabel(w.key)} at ${describeTime(cosignedBy(w)!.timestamp)}`);
    const no = uniqueWitnesses.filter((w) => !cosignedBy(w)).map((w) => keyLabel(w.key));
    details.push(
      `witnesses: ${cosigned.length} of ${uniqueWitnesses.length} cosigned (quorum ${quorum})` +
        (yes.length ? `: ${yes.join("; ")}` : "") +
        (no.length ? `; not cosigned by ${no.join(", ")}` : ""),
    );
  }
  details.push(
    consistency === "first-run"
      ? `consistency: first run for ${origin}; this checkpoint is saved in ${statePath} for the next run`
      : consistency === "unchanged"
        ? `consistency: unchanged since ${previous!.verified_at}`
        : `consistency: consistent with the checkpoint of size ${previous!.size} verified at ${previous!.verified_at}`,
  );
  details.push(
    `checked ${checkpoint.size} leaf hashes in ${seconds.toFixed(1)} s; entry contents are checked by the region's own verifier and per-entry proofs`,
  );

  return {
    summary: `verified: ${origin}, ${checkpoint.size} entries, root ${checkpoint.root.toString("base64")}, signed by ${keyLabel(signingKey)}`,
    details,
    json: {
      type: "audit-log",
      url: base,
      origin,
      size: checkpoint.size,
      root: checkpoint.root.toString("base64"),
      log_key: signingKey.vkey,
      key_source: keySource,
      witnesses: witnessJson,
      witness_quorum: quorum,
      consistency: {
        status: consistency,
        ...(previous
          ? { previous_size: previous.size, previous_root: previous.root, previous_verified_at: previous.verified_at }
          : {}),
      },
      state_file: statePath,
      seconds,
    },
  };
}
