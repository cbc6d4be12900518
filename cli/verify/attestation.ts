/**
 * Verifying a residency attestation offline: a DSSE envelope whose signature, over the
 * pre-authentication encoding of its in-toto statement, must check under the region's
 * attestation key that the user gives (--key, or --jwks <file | URL>), never under a key the
 * file names for itself; then the statement's subject must be the SHA-256 of its predicate's
 * RFC 8785 form, so the facts shown are exactly the facts signed.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { canonicalJsonBytes } from "../../modules/audit/domain/canonical-json";
import { IN_TOTO_PAYLOAD_TYPE } from "../../modules/attestations/domain/pae";
import { str, strs } from "../args";
import { checkEnvelope, parseEnvelope } from "../dsse";
import { InputError, UsageError, VerificationError } from "../errors";
import { keyLabel, keysFromJwks, loadAllKeys, readJwksDocument, type LoadedKey } from "../keys";
import type { CommandResult } from "../report";
import type { FileVerifier, VerifyContext } from "./index";

const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
const RESIDENCY_PREDICATE = "https://terrane.dev/attestation/residency/v1";
// modules/attestations/domain/index-predicate.ts (the CLI imports no module code beyond PAE)
const INDEX_PREDICATE = "https://terrane.dev/attestation/index/v1";

async function attestationKeys(ctx: VerifyContext): Promise<LoadedKey[]> {
  const specs = strs(ctx.values.key);
  const jwks = str(ctx.values.jwks);
  if (specs.length === 0 && jwks === undefined)
    throw new UsageError(
      "bad_arguments",
      "verify needs the region's attestation key: --jwks <the region's /.well-known/jwks.json, as a URL or a file> or --key <key>",
    );
  const keys = specs.length > 0 ? loadAllKeys(specs, "attestation", { flag: "--key" }) : [];
  if (jwks !== undefined && /^https?:\/\//.test(jwks)) {
    keys.push(
      ...keysFromJwks(await readJwksDocument(jwks, ctx.io, "--jwks"), "attestation", jwks, undefined, "--jwks"),
    );
  } else if (jwks !== undefined) {
    keys.push(...loadAllKeys([jwks], "attestation", { flag: "--jwks" }));
  }
  return keys;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

type IndexJson = {
  type: "attestation-index";
  version?: number;
  previous_index_sha256: string | null;
  attestations: { id?: string; period?: string; envelope_sha256?: string }[];
  envelope_sha256: string;
};

/** A second file named by --index or --previous: it must be a signed index under the same keys. */
function readIndex(file: string, flag: string, keys: readonly LoadedKey[]): IndexJson {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new InputError("unreadable_file", `cannot read ${flag} ${file}: ${(e as NodeJS.ErrnoException).code ?? ""}`);
  }
  const json = checkAttestation(bytes, keys).json as Partial<IndexJson>;
  if (json.type !== "attestation-index")
    throw new UsageError("bad_arguments", `${flag} ${file} is an attestation, not an attestation index`);
  return json as IndexJson;
}

/** The attestation is listed, under its own digest, by the index (so it was neither replayed nor altered). */
function listedIn(result: CommandResult, index: IndexJson): CommandResult {
  const own = result.json.envelope_sha256 as string;
  if (!index.attestations.some((a) => a.envelope_sha256 === own))
    throw new VerificationError(
      "not_in_index",
      `verification failed: index v${String(index.version)} does not list this attestation (sha256 ${own}): it was deleted from the record, or never issued by this tenant's region`,
    );
  return {
    ...result,
    details: [...result.details, `listed in attestation index v${String(index.version)}`],
    json: { ...result.json, index_version: index.version },
  };
}

/** A newer index keeps every attestation an older one listed, and chains to it when consecutive. */
function extends_(result: CommandResult, older: IndexJson): CommandResult {
  const newer = result.json as Partial<IndexJson>;
  if (newer.type !== "attestation-index")
    throw new UsageError("bad_arguments", "--previous compares two attestation indexes: the file is an attestation");
  if ((newer.version ?? 0) <= (older.version ?? 0))
    throw new VerificationError(
      "index_not_newer",
      `verification failed: the index is v${String(newer.version)}, not newer than --previous v${String(older.version)}`,
    );
  const kept = new Set((newer.attestations ?? []).map((a) => `${a.id}:${a.envelope_sha256}`));
  const dropped = older.attestations.filter((a) => !kept.has(`${a.id}:${a.envelope_sha256}`));
  if (dropped.length > 0)
    throw new VerificationError(
      "index_dropped",
      `verification failed: v${String(newer.version)} no longer lists ${dropped.map((a) => `${a.period} (sha256 ${a.envelope_sha256})`).join(", ")} that v${String(older.version)} listed`,
    );
  if (newer.version === (older.version ?? 0) + 1 && newer.previous_index_sha256 !== older.envelope_sha256)
    throw new VerificationError(
      "index_chain_broken",
      `verification failed: v${String(newer.version)} names ${String(newer.previous_index_sha256)} as its previous version, but v${String(older.version)} is ${older.envelope_sha256}`,
    );
  return {
    ...result,
    details: [...result.details, `keeps everything v${String(older.version)} listed`],
    json: { ...result.json, previous_version_checked: older.version },
  };
}

async function verify(ctx: VerifyContext): Promise<CommandResult> {
  const keys = await attestationKeys(ctx);
  let result = checkAttestation(ctx.bytes, keys);
  const index = str(ctx.values.index);
  const previous = str(ctx.values.previous);
  if (index !== undefined) result = listedIn(result, readIndex(index, "--index", keys));
  if (previous !== undefined) result = extends_(result, readIndex(previous, "--previous", keys));
  return result;
}

/**
 * Checks one attestation envelope (a residency attestation or the tenant's attestation index)
 * under `keys`. Throws a CliError saying what failed; `terrane verify` of an evidence package
 * runs it on every attestation inside.
 */
export function checkAttestation(bytes: Buffer, keys: readonly LoadedKey[]): CommandResult {
  const envelope = parseEnvelope(bytes);
  if (!envelope) throw new VerificationError("bad_envelope", "verification failed: not a DSSE envelope");
  const { payload, key: trusted } = checkEnvelope(
    envelope,
    IN_TOTO_PAYLOAD_TYPE,
    keys,
    "the attestation",
    "the statement, its payload type or its signature was altered",
  );

  let statement: {
    _type?: unknown;
    predicateType?: unknown;
    subject?: { name?: string; digest?: { sha256?: string } }[];
    predicate?: Record<string, unknown>;
  };
  try {
    statement = JSON.parse(payload.toString("utf8")) as typeof statement;
  } catch {
    throw new VerificationError("bad_statement", "verification failed: the signed payload is not JSON");
  }
  if (statement._type !== STATEMENT_TYPE || typeof statement.predicate !== "object" || !statement.subject?.length)
    throw new VerificationError("bad_statement", `verification failed: the payload is not an in-toto Statement v1`);
  const digest = sha256(canonicalJsonBytes(statement.predicate));
  const subject = statement.subject[0]!;
  if (subject.digest?.sha256 !== digest)
    throw new VerificationError(
      "subject_mismatch",
      `verification failed: the subject's digest ${subject.digest?.sha256 ?? "(none)"} is not the predicate's (${digest})`,
    );
  if (statement.predicateType === INDEX_PREDICATE)
    return indexResult(statement.predicate, subject, trusted, bytes, digest);
  if (statement.predicateType !== RESIDENCY_PREDICATE)
    throw new InputError(
      "unsupported_predicate",
      `signature and subject check out, but the predicate type ${String(statement.predicateType)} is not one this version reads`,
    );
  const p = statement.predicate as {
    tenant?: { slug?: string; home_region?: string };
    period?: { name?: string; from?: string; to?: string };
    verification?: { result?: string; exceptions?: { kind: string; count: number; detail: string }[] };
    audit_log?: { origin?: string; tree_size?: number };
  };
  const result = p.verification?.result ?? "unknown";
  return {
    summary: `verified: residency attestation ${subject.name ?? ""} (${p.period?.from} to ${p.period?.to}) — result ${result}; signed by ${keyLabel(trusted)}`,
    details: [
      `tenant: ${p.tenant?.slug} (home region ${p.tenant?.home_region})`,
      `envelope sha256: ${sha256(bytes)}`,
      `predicate sha256: ${digest}`,
      ...(p.verification?.exceptions ?? []).map((e) => `exception: ${e.kind} × ${e.count} — ${e.detail}`),
      `audit log: ${p.audit_log?.origin} at size ${p.audit_log?.tree_size} (check entries of the period with their .tlog-proof against it)`,
    ],
    json: {
      type: "attestation",
      key: keyLabel(trusted),
      subject,
      result,
      exceptions: p.verification?.exceptions ?? [],
      envelope_sha256: sha256(bytes),
    },
  };
}

/** A tenant's signed attestation index: which attestations it lists, and the version it follows. */
function indexResult(
  predicate: Record<string, unknown>,
  subject: { name?: string; digest?: { sha256?: string } },
  trusted: LoadedKey,
  bytes: Buffer,
  digest: string,
) {
  const p = predicate as {
    tenant?: { slug?: string };
    version?: number;
    previous_index_sha256?: string | null;
    count?: number;
    attestations?: { period?: string; state?: string; envelope_sha256?: string }[];
  };
  const listed = p.attestations ?? [];
  if (listed.length !== p.count)
    throw new VerificationError(
      "bad_statement",
      `verification failed: the index says ${String(p.count)} attestations but lists ${listed.length}`,
    );
  return {
    summary: `verified: attestation index v${String(p.version)} of ${p.tenant?.slug ?? "?"} — ${listed.length} attestations; signed by ${keyLabel(trusted)}`,
    details: [
      `previous version sha256: ${p.previous_index_sha256 ?? "(none: this is the first)"}`,
      `envelope sha256: ${sha256(bytes)}`,
      `predicate sha256: ${digest}`,
      ...listed.map((a) => `${a.period} ${a.state} sha256:${a.envelope_sha256}`),
    ],
    json: {
      type: "attestation-index",
      key: keyLabel(trusted),
      subject,
      version: p.version,
      previous_index_sha256: p.previous_index_sha256 ?? null,
      attestations: listed,
      envelope_sha256: sha256(bytes),
    },
  };
}

export const attestationVerifier: FileVerifier = {
  type: "attestation",
  detect: (bytes) => bytes.subarray(0, 1).toString() === "{" && parseEnvelope(bytes) !== null,
  verify,
};
