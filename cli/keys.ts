/**
 * Loading verifier keys from the command line: a note verifier key string
 * (`<name>+<hex id>+<base64(type ‖ key)>`), a file holding one or more of them (one per line,
 * `#` comments allowed), or a JWKS (Terrane's /.well-known/jwks.json): OKP/Ed25519 entries
 * whose `terrane_verifier_key` member is the note verifier key and `terrane_purpose` says what
 * it signs ("audit-log" or "witness"). A JWKS entry without `terrane_verifier_key` is turned
 * into a verifier key from `x` and a name given with --key-name.
 */
import * as fs from "node:fs";
import { SIG_TYPE_COSIGNATURE_V1 } from "../modules/audit/domain/cosignature";
import { encodeVerifierKey, parseVerifierKey } from "../modules/audit/domain/keys";
import { SIG_TYPE_ED25519 } from "../modules/audit/domain/note";
import { InputError, NetworkError } from "./errors";
import type { CliIo } from "./io";

/**
 * "log": the log's checkpoint key (Ed25519, type 0x01). "witness": a cosignature/v1 key (0x04).
 * "attestation": the key that signs residency attestations (Ed25519, named terrane-attestation/…).
 */
export type KeyRole = "log" | "witness" | "attestation";

export interface LoadedKey {
  readonly vkey: string;
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  /** Where it came from, for messages: "argument", a file path, or "path#kid". */
  readonly source: string;
}

const ROLE_TYPE: Record<KeyRole, number> = {
  log: SIG_TYPE_ED25519,
  witness: SIG_TYPE_COSIGNATURE_V1,
  attestation: SIG_TYPE_ED25519,
};
const ROLE_PURPOSE: Record<KeyRole, string> = { log: "audit-log", witness: "witness", attestation: "attestation" };
const ROLE_WORD: Record<KeyRole, string> = {
  log: "log key (Ed25519, type 0x01)",
  witness: "witness key (cosignature/v1, type 0x04)",
  attestation: "attestation key (Ed25519)",
};

export const keyLabel = (k: { name: string; keyId: number }) =>
  `${k.name}+${(k.keyId >>> 0).toString(16).padStart(8, "0")}`;

function fromVkey(vkey: string, source: string): LoadedKey {
  const k = parseVerifierKey(vkey);
  return { vkey, name: k.name, keyId: k.keyId, type: k.type, source };
}

function tryVkey(text: string): LoadedKey | null {
  try {
    return fromVkey(text, "argument");
  } catch {
    return null;
  }
}

/** The role check: a witness key is never accepted where the log's key is expected, and back. */
function requireRole(keys: LoadedKey[], role: KeyRole, flag: string): LoadedKey[] {
  for (const k of keys) {
    if (k.type !== ROLE_TYPE[role]) {
      const other: KeyRole = k.type === SIG_TYPE_COSIGNATURE_V1 ? "witness" : "log";
      throw new InputError(
        "wrong_key_type",
        `${flag} ${keyLabel(k)} is a ${ROLE_WORD[other]}, not a ${ROLE_WORD[role]}` +
          (role === "log" ? ": a witness's cosignature never stands in for the log's own signature" : ""),
        { key: k.vkey },
      );
    }
  }
  return keys;
}

interface Jwk {
  kty?: unknown;
  crv?: unknown;
  x?: unknown;
  kid?: unknown;
  terrane_verifier_key?: unknown;
  terrane_purpose?: unknown;
}

export function keysFromJwks(
  doc: unknown,
  role: KeyRole,
  source: string,
  keyName: string | undefined,
  flag: string,
): LoadedKey[] {
  const list: unknown[] | null =
    doc !== null && typeof doc === "object" && Array.isArray((doc as { keys?: unknown }).keys)
      ? (doc as { keys: unknown[] }).keys
      : doc !== null && typeof doc === "object" && "kty" in doc
        ? [doc]
        : null;
  if (list === null)
    throw new InputError("bad_key", `${source} is JSON but not a JWKS (an object with a "keys" array)`);
  const out: LoadedKey[] = [];
  let otherPurpose = 0;
  let needsName = 0;
  for (const [i, raw] of list.entries()) {
    if (raw === null || typeof raw !== "object") continue;
    const jwk = raw as Jwk;
    const kid = typeof jwk.kid === "string" ? jwk.kid : `#${i}`;
    const where = `${source} (${kid})`;
    if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519") continue; // other algorithms are not note keys
    if (typeof jwk.terrane_purpose === "string" && jwk.terrane_purpose !== ROLE_PURPOSE[role]) {
      otherPurpose++;
      continue;
    }
    const x = typeof jwk.x === "string" ? Buffer.from(jwk.x, "base64url") : null;
    if (typeof jwk.terrane_verifier_key === "string") {
      let k: LoadedKey;
      try {
        k = fromVkey(jwk.terrane_verifier_key, where);
      } catch (e) {
        throw new InputError(
          "bad_key",
          `${where}: terrane_verifier_key is not a verifier key: ${(e as Error).message}`,
        );
      }
      if (x !== null && !x.equals(parseVerifierKey(k.vkey).publicKey)) {
        throw new InputError("bad_key", `${where}: "x" and terrane_verifier_key are different keys`);
      }
      if (jwk.terrane_purpose === undefined && k.type !== ROLE_TYPE[role]) {
        otherPurpose++;
        continue;
      }
      out.push(k);
      continue;
    }
    if (x === null || x.length !== 32)
      throw new InputError("bad_key", `${where}: "x" is not a 32-byte Ed25519 public key`);
    if (keyName === undefined) {
      needsName++;
      continue;
    }
    try {
      out.push(fromVkey(encodeVerifierKey(keyName, ROLE_TYPE[role], x), where));
    } catch (e) {
      throw new InputError("bad_key", `--key-name "${keyName}": ${(e as Error).message}`);
    }
  }
  if (out.length === 0) {
    if (needsName > 0) {
      throw new InputError(
        "key_name_required",
        `${source} has Ed25519 keys without terrane_verifier_key; give the key's note name with --key-name (e.g. terrane/eu-central-1)`,
      );
    }
    const why = otherPurpose > 0 ? ` (it has ${otherPurpose} key(s) for another purpose)` : "";
    throw new InputError("bad_key", `${flag} ${source}: no ${ROLE_PURPOSE[role]} Ed25519 key in this JWKS${why}`);
  }
  return out;
}

/**
 * Keys from one --key / --witness-key value. Throws InputError (exit 2) when the value is not
 * a verifier key, not a readable file, or holds no key for the role.
 */
export function loadKeys(spec: string, role: KeyRole, options: { flag: string; keyName?: string }): LoadedKey[] {
  const { flag } = options;
  const direct = tryVkey(spec.trim());
  if (direct) return requireRole([direct], role, flag);
  let text: string;
  try {
    text = fs.readFileSync(spec, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && spec.includes("+")) {
      // Looks like a key string, but did not parse: say why.
      try {
        parseVerifierKey(spec.trim());
      } catch (parseError) {
        throw new InputError("bad_key", `${flag}: ${(parseError as Error).message}`);
      }
    }
    throw new InputError(
      "bad_key",
      `${flag} ${spec}: not a verifier key and not a readable file (${code ?? (e as Error).message})`,
    );
  }
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (e) {
      throw new InputError("bad_key", `${flag} ${spec}: not valid JSON: ${(e as Error).message}`);
    }
    return requireRole(keysFromJwks(doc, role, spec, options.keyName, flag), role, flag);
  }
  const lines = trimmed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  if (lines.length === 0) throw new InputError("bad_key", `${flag} ${spec}: the file holds no key`);
  const keys = lines.map((line, i) => {
    try {
      return fromVkey(line, spec);
    } catch (e) {
      throw new InputError("bad_key", `${flag} ${spec}, line ${i + 1}: ${(e as Error).message}`);
    }
  });
  return requireRole(keys, role, flag);
}

/** Keys from several flag values, duplicates removed. */
export function loadAllKeys(
  specs: readonly string[],
  role: KeyRole,
  options: { flag: string; keyName?: string },
): LoadedKey[] {
  const seen = new Set<string>();
  const out: LoadedKey[] = [];
  for (const spec of specs) {
    for (const k of loadKeys(spec, role, options)) {
      if (seen.has(k.vkey)) continue;
      seen.add(k.vkey);
      out.push(k);
    }
  }
  return out;
}

/**
 * A JWKS document from a URL (fetched through `io`; NetworkError, exit 3, when it cannot be
 * had) or a file (InputError, exit 2, when unreadable or not JSON).
 */
export async function readJwksDocument(spec: string, io: CliIo, flag: string): Promise<unknown> {
  if (/^https?:\/\//.test(spec)) {
    try {
      const response = await io.fetch(spec, { signal: AbortSignal.timeout(15_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as unknown;
    } catch (e) {
      throw new NetworkError("unreachable", `${flag} ${spec}: ${(e as Error).message}`);
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(spec, "utf8");
  } catch (e) {
    throw new InputError(
      "bad_key",
      `${flag} ${spec}: not a readable file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError("bad_key", `${flag} ${spec}: not valid JSON: ${(e as Error).message}`);
  }
}
