import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// OWASP's scrypt floor: N=2^17, r=8, p=1.
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAXMEM = 256 * 1024 * 1024;

/**
 * `scrypt$N$r$p$salt$hash`, base64url; parameters travel with the hash so they can be raised later.
 * `cost` (N) is for tests that verify many attempts against one account; everything else hashes at the floor.
 */
export async function hashPassword(password: string, cost: number = N): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { N: cost, r: R, p: P, maxmem: MAXMEM });
  return ["scrypt", cost, R, P, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, hashText, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || rest.length > 0 || !n || !r || !p || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, "base64url");
  // scrypt output is a prefix of its longer outputs: a truncated stored hash must not verify.
  if (expected.length !== KEY_LENGTH) return false;
  let actual: Buffer;
  try {
    actual = await scrypt(password.normalize("NFKC"), Buffer.from(saltText, "base64url"), KEY_LENGTH, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAXMEM,
    });
  } catch {
    // Unusable parameters (not numbers, out of range, over the memory bound): not a match.
    return false;
  }
  return timingSafeEqual(actual, expected);
}

// Verifying against this when the account does not exist keeps timing from revealing which emails exist.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString("base64url"));
  return dummyHash;
}
