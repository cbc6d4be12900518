/**
 * `terrane verify <evidence.zip> [--jwks <url | file>]`: an evidence package (docs/evidence.md,
 * "Evidence packages"), checked offline and completely:
 *
 *   - manifest.sig.json: the region's attestation key (from --jwks, else the package's own
 *     keys/jwks.json, with a warning that nothing pinned it) signed exactly manifest.json;
 *   - the key files verify.sh uses are those keys;
 *   - every file's SHA-256 and size against the manifest, and no file the manifest does not list;
 *   - the attestations (as `terrane verify <attestation>` checks one), each listed in the signed
 *     attestation index when the package has it;
 *   - the audit log (evidence-audit.ts): both checkpoints' signatures, the consistency proof, and
 *     every entry's inclusion proof, entries of the tenant and the period;
 *   - each population's row count and digest, and the sample re-drawn from its seed.
 *
 * It keeps going after a failure and names every one, each with the file it is about. The ZIP is
 * read through its central directory (cli/zip.ts); entries are inflated as they are checked.
 */
import { createHash, createPublicKey } from "node:crypto";
import { parseVerifierKey } from "../../modules/audit/domain/keys";
import { str } from "../args";
import { checkEnvelope, parseEnvelope } from "../dsse";
import { CliError, InputError, UsageError, VerificationError } from "../errors";
import { keyLabel, keysFromJwks, readJwksDocument, type LoadedKey } from "../keys";
import type { CommandResult } from "../report";
import { entryChunks, looksLikeZip, readEntry, readZip, ZipError, type ZipEntry } from "../zip";
import { checkAttestation } from "./attestation";
import { checkAudit } from "./evidence-audit";
import type { FileVerifier, VerifyContext } from "./index";

const MANIFEST = "manifest.json";
const SIGNATURE = "manifest.sig.json";
const JWKS = "keys/jwks.json";
const ATTESTATION_PEM = "keys/attestation.pem";
const LOG_PEM = "keys/audit-log.pem";
const LOG_VKEY = "keys/audit-log.vkey";
const SAMPLES = "samples.json";
const PROOFS = "audit/proofs.jsonl";
const ATTESTATION_FILE = /^attestations\/[^/]+\.intoto\.json$/;
// modules/evidence/domain/manifest.ts (the CLI imports no module code beyond the audit core and PAE)
const MANIFEST_TYPE = "https://terrane.dev/evidence/manifest/v1";
const MANIFEST_PAYLOAD_TYPE = "application/vnd.terrane.evidence-manifest+json";

export interface Manifest {
  tenant: { id: string; slug: string; name: string };
  region: string;
  period: { from: string; to: string };
  generated_at: string;
  download_id: string;
  downloaded_by: { name: string; email: string; role: string };
  audit_log: { origin: string; checkpoint_size: number; newest_size: number };
  files: { path: string; sha256: string; size: number }[];
  populations: { name: string; path: string; query: string; rows: number; sha256: string }[];
  sample: { seed: string; size: number } | null;
}

interface Check {
  ok: boolean;
  /** The file a failure is about (null for the package as a whole). */
  file: string | null;
  message: string;
}

/** Every check's outcome, in order; failures do not stop the run. */
export class Findings {
  readonly checks: Check[] = [];
  ok(message: string): void {
    this.checks.push({ ok: true, file: null, message });
  }
  fail(file: string | null, message: string): void {
    this.checks.push({ ok: false, file, message });
  }
  get failures(): Check[] {
    return this.checks.filter((c) => !c.ok);
  }
  /** Failures recorded since `mark` (a previous `checks.length`). */
  failedSince(mark: number): number {
    return this.checks.slice(mark).filter((c) => !c.ok).length;
  }
}

const lineOf = (c: Check) => (c.ok ? `OK: ${c.message}` : `FAILED: ${c.file ? `${c.file}: ` : ""}${c.message}`);
const withoutPrefix = (message: string) => message.replace(/^verification failed: /, "");

/** The package's ZIP entries by name. Names that repeat or leave the folder are failures. */
export class EvidencePackage {
  readonly #entries = new Map<string, ZipEntry>();

  constructor(entries: readonly ZipEntry[], findings: Findings) {
    for (const entry of entries) {
      if (entry.name.endsWith("/")) continue; // a directory
      if (this.#entries.has(entry.name)) {
        findings.fail(entry.name, "appears twice in the ZIP (two unzip tools could unpack different files)");
        continue;
      }
      if (/^\/|\\|(^|\/)\.\.?(\/|$)/.test(entry.name))
        findings.fail(entry.name, "unsafe name: it would unpack outside the folder");
      this.#entries.set(entry.name, entry);
    }
  }

  names(): string[] {
    return [...this.#entries.keys()];
  }

  entry(name: string): ZipEntry | undefined {
    return this.#entries.get(name);
  }

  /** A small file whole; null when missing or unreadable (the file check names both). */
  async read(name: string): Promise<Buffer | null> {
    const entry = this.#entries.get(name);
    if (!entry) return null;
    try {
      return await readEntry(entry);
    } catch (e) {
      if (e instanceof ZipError) return null;
      throw e;
    }
  }
}

// --- the manifest ---------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isSha256 = (v: unknown): v is string => typeof v === "string" && /^[0-9a-f]{64}$/.test(v);

function parseManifest(bytes: Buffer): Manifest {
  const bad = (why: string) =>
    new VerificationError("bad_manifest", `verification failed: ${MANIFEST} is not an evidence manifest: ${why}`);
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw bad(`not JSON (${(e as Error).message})`);
  }
  if (!isObject(doc)) throw bad("not a JSON object");
  if (doc._type !== MANIFEST_TYPE)
    throw new InputError(
      "unsupported_file",
      `${MANIFEST} has _type ${JSON.stringify(doc._type)}; this version reads ${MANIFEST_TYPE} only`,
    );
  const m = doc as unknown as Manifest;
  if (!isObject(m.tenant) || !isString(m.tenant.id) || !isString(m.tenant.slug)) throw bad("no tenant");
  if (!isObject(m.period) || !isString(m.period.from) || !isString(m.period.to)) throw bad("no period");
  const log = m.audit_log as unknown;
  if (!isObject(log) || !isString(log.origin) || !isCount(log.checkpoint_size) || !isCount(log.newest_size))
    throw bad("no audit_log {origin, checkpoint_size, newest_size}");
  if (!Array.isArray(m.files) || !m.files.every((f) => isString(f?.path) && isSha256(f.sha256) && isCount(f.size)))
    throw bad("files is not a list of {path, sha256, size}");
  if (
    !Array.isArray(m.populations) ||
    !m.populations.every(
      (p) => isString(p?.name) && isString(p.path) && isString(p.query) && isCount(p.rows) && isSha256(p.sha256),
    )
  )
    throw bad("populations is not a list of {name, path, query, rows, sha256}");
  const sample = m.sample as unknown;
  if (sample !== null && !(isObject(sample) && isString(sample.seed) && isCount(sample.size)))
    throw bad("sample is neither null nor {seed, size}");
  return m;
}

// --- keys -------------------------------------------------------------------------------------

interface TrustedKeys {
  attestation: LoadedKey[];
  log: LoadedKey[];
  source: string;
  pinned: boolean;
}

async function trustedKeys(ctx: VerifyContext, pkg: EvidencePackage): Promise<TrustedKeys> {
  const jwks = str(ctx.values.jwks);
  if (jwks !== undefined) {
    const doc = await readJwksDocument(jwks, ctx.io, "--jwks");
    return {
      attestation: keysFromJwks(doc, "attestation", jwks, undefined, "--jwks"),
      log: keysFromJwks(doc, "log", jwks, undefined, "--jwks"),
      source: jwks,
      pinned: true,
    };
  }
  // Unpinned: the package's own keys. A broken keys/jwks.json is then the package's failure.
  const bytes = await pkg.read(JWKS);
  if (bytes === null)
    throw new InputError(
      "no_keys",
      `${ctx.file} has no readable ${JWKS}: give the region's keys with --jwks <its /.well-known/jwks.json, as a URL or a file>`,
    );
  ctx.reporter.warn(
    `no --jwks: the keys come from the package's own ${JWKS}, so this shows the package is intact and consistent, not that the region made it; pin them with --jwks https://<the region's Terrane>/.well-known/jwks.json (or a copy you trust)`,
  );
  try {
    const doc = JSON.parse(bytes.toString("utf8")) as unknown;
    return {
      attestation: keysFromJwks(doc, "attestation", JWKS, undefined, JWKS),
      log: keysFromJwks(doc, "log", JWKS, undefined, JWKS),
      source: `the package's ${JWKS}`,
      pinned: false,
    };
  } catch (e) {
    throw new VerificationError(
      "bad_keys",
      `verification failed: ${JWKS} holds no usable keys (${(e as Error).message}); give the region's keys with --jwks`,
    );
  }
}

const rawKey = (k: LoadedKey) => parseVerifierKey(k.vkey).publicKey;

function pemRawKey(pem: Buffer): Buffer | null {
  try {
    const jwk = createPublicKey(pem).export({ format: "jwk" });
    return jwk.crv === "Ed25519" && typeof jwk.x === "string" ? Buffer.from(jwk.x, "base64url") : null;
  } catch {
    return null;
  }
}

/** The key files verify.sh trusts must be the keys this run trusts. */
async function checkKeyFiles(
  pkg: EvidencePackage,
  keys: TrustedKeys,
  signer: LoadedKey | null,
  findings: Findings,
): Promise<void> {
  const mark = findings.checks.length;
  const attestation = signer ? [signer] : keys.attestation;
  const pem = await pkg.read(ATTESTATION_PEM);
  const raw = pem && pemRawKey(pem);
  if (pem && !attestation.some((k) => raw?.equals(rawKey(k))))
    findings.fail(
      ATTESTATION_PEM,
      `is not the attestation key ${attestation.map(keyLabel).join(" or ")} of ${keys.source}: verify.sh would check against another key`,
    );
  const vkeyText = (await pkg.read(LOG_VKEY))?.toString("utf8").trim();
  const logKey = keys.log.find((k) => k.vkey === vkeyText);
  if (vkeyText !== undefined && !logKey)
    findings.fail(LOG_VKEY, `is not the audit-log key ${keys.log.map(keyLabel).join(" or ")} of ${keys.source}`);
  const logPem = await pkg.read(LOG_PEM);
  if (logPem && !(logKey ? [logKey] : keys.log).some((k) => pemRawKey(logPem)?.equals(rawKey(k))))
    findings.fail(LOG_PEM, `is not the audit-log key of ${keys.source}`);
  if (keys.pinned && signer) {
    // The package's JWKS is what its README tells a reader to compare with the region's.
    let holds: boolean;
    try {
      const doc = JSON.parse((await pkg.read(JWKS))?.toString("utf8") ?? "null") as unknown;
      holds = keysFromJwks(doc, "attestation", JWKS, undefined, JWKS).some((k) => k.vkey === signer.vkey);
    } catch {
      holds = false;
    }
    if (!holds) findings.fail(JWKS, `does not hold ${keyLabel(signer)}, the key that signed the manifest`);
  }
  if (findings.failedSince(mark) === 0)
    findings.ok(
      `${ATTESTATION_PEM}, ${LOG_PEM} and ${LOG_VKEY} (what verify.sh checks with) are the keys of ${keys.source}`,
    );
}

// --- files, attestations, populations, sample ----------------------------------------------------

interface FileFacts {
  sha256: string;
  size: number;
  /** The number of "\n" bytes, as `wc -l` counts. */
  lines: number;
}

async function digest(entry: ZipEntry): Promise<FileFacts> {
  const hash = createHash("sha256");
  let size = 0;
  let lines = 0;
  for await (const chunk of entryChunks(entry)) {
    hash.update(chunk);
    size += chunk.length;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  }
  return { sha256: hash.digest("hex"), size, lines };
}

async function checkFiles(pkg: EvidencePackage, manifest: Manifest, findings: Findings) {
  const mark = findings.checks.length;
  const facts = new Map<string, FileFacts>();
  for (const name of pkg.names()) {
    try {
      facts.set(name, await digest(pkg.entry(name)!));
    } catch (e) {
      if (!(e instanceof ZipError)) throw e;
      findings.fail(name, `cannot be read from the ZIP: ${e.message}`);
    }
  }
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (listed.has(f.path)) findings.fail(MANIFEST, `lists ${f.path} twice`);
    listed.add(f.path);
    const got = facts.get(f.path);
    if (!pkg.entry(f.path)) findings.fail(f.path, `listed in ${MANIFEST} but missing from the package`);
    if (!got) continue;
    if (got.size !== f.size) findings.fail(f.path, `size is ${got.size} bytes, ${MANIFEST} says ${f.size}`);
    if (got.sha256 !== f.sha256) findings.fail(f.path, `sha256 is ${got.sha256}, ${MANIFEST} says ${f.sha256}`);
  }
  for (const name of pkg.names())
    if (!listed.has(name) && name !== MANIFEST && name !== SIGNATURE)
      findings.fail(name, `in the package but not listed in ${MANIFEST} (added after signing)`);
  if (findings.failedSince(mark) === 0)
    findings.ok(`${manifest.files.length} files match ${MANIFEST} (SHA-256 and size), and there is no other`);
  return facts;
}

interface AttestationFact {
  path: string;
  summary: string;
  json: Record<string, unknown>;
}

async function checkAttestations(
  pkg: EvidencePackage,
  facts: Map<string, FileFacts>,
  keys: readonly LoadedKey[],
  findings: Findings,
): Promise<AttestationFact[]> {
  const verified: AttestationFact[] = [];
  for (const path of pkg.names().filter((n) => ATTESTATION_FILE.test(n))) {
    const bytes = await pkg.read(path);
    if (bytes === null) continue;
    try {
      const r = checkAttestation(bytes, keys);
      verified.push({ path, summary: withoutPrefix(r.summary.replace(/^verified: /, "")), json: r.json });
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      findings.fail(path, withoutPrefix(e.message));
    }
  }
  // The tenant's signed index lists every attestation by the digest of its envelope.
  const index = verified.find((a) => a.json.type === "attestation-index");
  const listed = new Set(
    ((index?.json.attestations ?? []) as { envelope_sha256?: string }[]).map((a) => a.envelope_sha256),
  );
  for (const a of verified) {
    if (a === index) continue;
    if (index && !listed.has(facts.get(a.path)?.sha256))
      findings.fail(a.path, `is not listed in the tenant's signed attestation index (${index.path})`);
    else findings.ok(`${a.path}: ${a.summary}`);
  }
  if (index) findings.ok(`${index.path}: ${index.summary}`);
  return verified;
}

function checkPopulations(manifest: Manifest, facts: Map<string, FileFacts>, findings: Findings) {
  const mark = findings.checks.length;
  for (const p of manifest.populations) {
    const got = facts.get(p.path);
    if (!got) continue; // named as missing or unreadable already
    if (got.lines !== p.rows)
      findings.fail(p.path, `population ${p.name} has ${got.lines} lines, ${MANIFEST} says ${p.rows} rows`);
    if (got.sha256 !== p.sha256)
      findings.fail(p.path, `population ${p.name}: sha256 is ${got.sha256}, ${MANIFEST} says ${p.sha256}`);
  }
  if (findings.failedSince(mark) === 0)
    findings.ok(
      `${manifest.populations.length} populations have the row counts ${MANIFEST} gives: ${manifest.populations.map((p) => `${p.name} ${p.rows}`).join(", ")}`,
    );
}

/**
 * docs/evidence.md, "Samples": for k = 0, 1, …, line = first 8 bytes of
 * SHA-256("{seed}:{population}:{k}") as an unsigned big-endian integer, mod rows, + 1; lines
 * already drawn are skipped, until min(size, rows) lines.
 */
export function drawSample(seed: string, population: string, rows: number, size: number): number[] {
  const want = Math.min(size, rows);
  const drawn: number[] = [];
  const seen = new Set<number>();
  for (let k = 0; drawn.length < want; k++) {
    const digest = createHash("sha256").update(`${seed}:${population}:${k}`, "utf8").digest();
    const line = Number(digest.readBigUInt64BE(0) % BigInt(rows)) + 1;
    if (seen.has(line)) continue;
    seen.add(line);
    drawn.push(line);
  }
  return drawn;
}

interface SampledPopulation {
  name: string;
  path: string;
  rows: number;
  lines: number[];
}

async function checkSample(pkg: EvidencePackage, manifest: Manifest, findings: Findings) {
  const asked = manifest.sample;
  if (asked === null) {
    if (pkg.entry(SAMPLES)) findings.fail(SAMPLES, `present, but ${MANIFEST} says no sample was drawn`);
    return null;
  }
  const bytes = await pkg.read(SAMPLES);
  if (bytes === null) {
    if (pkg.entry(SAMPLES)) return null; // unreadable: named by the file check
    findings.fail(SAMPLES, `missing, but ${MANIFEST} says a sample of ${asked.size} was drawn`);
    return null;
  }
  let doc: { populations?: SampledPopulation[]; seed?: unknown; size?: unknown };
  try {
    doc = JSON.parse(bytes.toString("utf8")) as typeof doc;
  } catch {
    findings.fail(SAMPLES, "is not JSON");
    return null;
  }
  const mark = findings.checks.length;
  if (doc.seed !== asked.seed || doc.size !== asked.size)
    findings.fail(SAMPLES, `seed and size are not the ones ${MANIFEST} gives (${asked.seed}, ${asked.size})`);
  const sampled = Array.isArray(doc.populations) ? doc.populations : [];
  const byName = new Map(manifest.populations.map((p) => [p.name, p]));
  for (const s of sampled) {
    const p = byName.get(s?.name);
    if (!p) {
      findings.fail(SAMPLES, `samples population ${String(s?.name)}, which ${MANIFEST} does not list`);
      continue;
    }
    if (s.rows !== p.rows || s.path !== p.path) {
      findings.fail(SAMPLES, `${p.name}: ${s.rows} rows of ${s.path}, ${MANIFEST} says ${p.rows} rows of ${p.path}`);
      continue;
    }
    const want = drawSample(asked.seed, p.name, p.rows, asked.size);
    if (!Array.isArray(s.lines) || s.lines.join(",") !== want.join(","))
      findings.fail(
        SAMPLES,
        `${p.name}: lines ${Array.isArray(s.lines) ? s.lines.join(", ") : "(none)"} are not the ones the seed draws (${want.join(", ")})`,
      );
  }
  // Each non-empty population is sampled, except the proofs: a proof goes with its entry's line.
  const names = new Set(sampled.map((s) => s?.name));
  for (const p of manifest.populations)
    if (p.rows > 0 && p.path !== PROOFS && !names.has(p.name))
      findings.fail(SAMPLES, `population ${p.name} (${p.rows} rows) was not sampled`);
  if (findings.failedSince(mark) === 0)
    findings.ok(
      `${SAMPLES}: the lines of ${sampled.length} populations are the ones seed ${asked.seed} draws (up to ${asked.size} each)`,
    );
  return { seed: asked.seed, size: asked.size, populations: sampled };
}

// --- the verifier -------------------------------------------------------------------------------

function rejectOtherFlags(values: VerifyContext["values"]) {
  for (const flag of ["key", "entry", "key-name", "witness-key", "quorum", "origin", "index", "previous"] as const) {
    const v = values[flag];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0))
      throw new UsageError(
        "bad_arguments",
        `--${flag} is not used for evidence packages: give the region's keys with --jwks <url | file> (see: terrane verify --help)`,
      );
  }
}

async function verify(ctx: VerifyContext): Promise<CommandResult> {
  let entries: ZipEntry[];
  try {
    entries = readZip(ctx.bytes);
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    throw new InputError("bad_zip", `${ctx.file} is not a readable ZIP archive: ${e.message}`);
  }
  rejectOtherFlags(ctx.values);
  const findings = new Findings();
  const pkg = new EvidencePackage(entries, findings);
  if (!pkg.entry(MANIFEST))
    throw new InputError(
      "unsupported_file",
      `${ctx.file} is a ZIP archive but not an evidence package (no ${MANIFEST})`,
    );
  const manifestBytes = await pkg.read(MANIFEST);
  if (manifestBytes === null)
    throw new VerificationError(
      "bad_manifest",
      `verification failed: ${MANIFEST} cannot be read from the ZIP (corrupt)`,
    );
  const keys = await trustedKeys(ctx, pkg);

  const signer = checkManifestSignature(await pkg.read(SIGNATURE), manifestBytes, keys, findings);
  let manifest: Manifest;
  try {
    manifest = parseManifest(manifestBytes);
  } catch (e) {
    // Say what else is known: a manifest that does not parse may also not be the signed one.
    if (!(e instanceof VerificationError) || findings.failures.length === 0) throw e;
    throw new VerificationError(e.code, `${e.message}\n${findings.failures.map((c) => `  ${lineOf(c)}`).join("\n")}`);
  }
  await checkKeyFiles(pkg, keys, signer, findings);
  const facts = await checkFiles(pkg, manifest, findings);
  const attestations = await checkAttestations(pkg, facts, keys.attestation, findings);
  const audit = await checkAudit(pkg, manifest, keys.log, findings);
  checkPopulations(manifest, facts, findings);
  const sample = await checkSample(pkg, manifest, findings);

  return report(ctx, manifest, { keys, signer, attestations, audit, sample, findings });
}

function checkManifestSignature(
  bytes: Buffer | null,
  manifestBytes: Buffer,
  keys: TrustedKeys,
  findings: Findings,
): LoadedKey | null {
  if (bytes === null) {
    findings.fail(SIGNATURE, "missing or unreadable: nothing says who made this manifest");
    return null;
  }
  const envelope = parseEnvelope(bytes);
  if (!envelope) {
    findings.fail(SIGNATURE, "is not a DSSE envelope");
    return null;
  }
  try {
    const { payload, key } = checkEnvelope(
      envelope,
      MANIFEST_PAYLOAD_TYPE,
      keys.attestation,
      "the manifest",
      `${SIGNATURE} was altered`,
    );
    if (!payload.equals(manifestBytes)) {
      findings.fail(MANIFEST, `is not the manifest signed in ${SIGNATURE}: it was changed after signing`);
      return null;
    }
    findings.ok(`${MANIFEST} is signed by ${keyLabel(key)} of ${keys.source} (${SIGNATURE})`);
    return key;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    findings.fail(SIGNATURE, withoutPrefix(e.message));
    return null;
  }
}

function report(
  ctx: VerifyContext,
  m: Manifest,
  r: {
    keys: TrustedKeys;
    signer: LoadedKey | null;
    attestations: AttestationFact[];
    audit: Awaited<ReturnType<typeof checkAudit>>;
    sample: Awaited<ReturnType<typeof checkSample>>;
    findings: Findings;
  },
): CommandResult {
  const { audit, findings } = r;
  const facts = {
    type: "evidence-package",
    file: ctx.file,
    tenant: m.tenant,
    region: m.region,
    period: m.period,
    download_id: m.download_id,
    downloaded_by: m.downloaded_by,
    generated_at: m.generated_at,
    keys: { source: r.keys.source, pinned: r.keys.pinned },
    manifest_key: r.signer ? keyLabel(r.signer) : null,
    files: m.files.length,
    audit_log: audit,
    attestations: r.attestations.map((a) => ({ path: a.path, ...a.json })),
    populations: m.populations.map((p) => ({ name: p.name, path: p.path, rows: p.rows })),
    sample: r.sample,
  };
  const checks = findings.checks.map((c) => ({ ok: c.ok, file: c.file, message: c.message }));
  const head = [
    `tenant: ${m.tenant.name} (${m.tenant.slug}, ${m.tenant.id}), region ${m.region}`,
    `period: ${m.period.from} to ${m.period.to}`,
    `downloaded by: ${m.downloaded_by.name} <${m.downloaded_by.email}> (${m.downloaded_by.role}) at ${m.generated_at}, download ${m.download_id}`,
    `audit log: ${audit.entries} entries; checkpoint size ${audit.checkpoint_size ?? "?"}, newest ${audit.newest_size ?? "?"} (${audit.origin ?? m.audit_log.origin})`,
    `keys: ${r.keys.pinned ? `from ${r.keys.source}` : `${r.keys.source}, not pinned (see the warning)`}`,
  ];
  const failures = findings.failures;
  if (failures.length > 0) {
    const lines = [...failures.map(lineOf), ...head, ...findings.checks.filter((c) => c.ok).map(lineOf)];
    throw new VerificationError(
      "evidence_failed",
      `verification failed: ${failures.length} problem(s) in the evidence package ${ctx.file}:\n${lines.map((l) => `  ${l}`).join("\n")}`,
      { ...facts, failures: failures.map((c) => ({ file: c.file, message: c.message })), checks },
    );
  }
  return {
    summary: `verified: evidence package of ${m.tenant.slug} (${m.period.from} to ${m.period.to}): ${m.files.length} files, ${audit.entries} audit entries, ${r.attestations.length} attestations, ${m.populations.length} populations${r.sample ? `, a sample of ${r.sample.size}` : ""}; manifest signed by ${r.signer ? keyLabel(r.signer) : "?"}`,
    details: [...head, ...findings.checks.map(lineOf)],
    json: { ...facts, checks },
  };
}

export const evidenceVerifier: FileVerifier = {
  type: "evidence-package",
  detect: looksLikeZip,
  verify,
};
