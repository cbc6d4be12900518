import { createCipheriv } from "node:crypto";

/**
 * A reference AES-GCM tag computation (NIST SP 800-38D, §6.4 and §7.1) written from the spec:
 * GHASH over GF(2^128) with BigInt, the block cipher from Node's AES-ECB. The field-cipher
 * tests prove it against the published McGrew–Viega vectors, then use it to compute expected
 * tags for our own associated data, independently of the code under test.
 */
const R = 0xe1n << 120n;
const MASK = (1n << 128n) - 1n;

function toBig(block: Buffer): bigint {
  return BigInt(`0x${block.toString("hex") || "0"}`);
}

function toBlock(n: bigint): Buffer {
  return Buffer.from(n.toString(16).padStart(32, "0"), "hex");
}

/** X · Y in GCM's bit order (Algorithm 1 of SP 800-38D). */
function gfMul(x: bigint, y: bigint): bigint {
  let z = 0n;
  let v = y;
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ R : v >> 1n;
  }
  return z & MASK;
}

function blocks(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += 16) {
    const b = Buffer.alloc(16);
    data.copy(b, 0, i, Math.min(i + 16, data.length));
    out.push(b);
  }
  return out;
}

function aesBlock(key: Buffer, block: Buffer): Buffer {
  const c = createCipheriv(`aes-${key.length * 8}-ecb`, key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

export function ghash(h: Buffer, aad: Buffer, ciphertext: Buffer): Buffer {
  const hh = toBig(h);
  let x = 0n;
  const lengths = Buffer.alloc(16);
  lengths.writeBigUInt64BE(BigInt(aad.length * 8), 0);
  lengths.writeBigUInt64BE(BigInt(ciphertext.length * 8), 8);
  for (const b of [...blocks(aad), ...blocks(ciphertext), lengths]) x = gfMul(x ^ toBig(b), hh);
  return toBlock(x);
}

/** The GCM tag for a 96-bit IV: E(K, IV ‖ 0^31 ‖ 1) ⊕ GHASH(H, A, C), with H = E(K, 0^128). */
export function referenceGcmTag(key: Buffer, iv: Buffer, aad: Buffer, ciphertext: Buffer): Buffer {
  if (iv.length !== 12) throw new Error("reference covers 96-bit IVs only");
  const h = aesBlock(key, Buffer.alloc(16));
  const j0 = Buffer.concat([iv, Buffer.from([0, 0, 0, 1])]);
  const s = ghash(h, aad, ciphertext);
  const e = aesBlock(key, j0);
  return Buffer.from(s.map((byte, i) => byte ^ e[i]!));
}
