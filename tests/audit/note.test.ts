/**
 * C2SP signed notes. The known-answer vectors are Go's golang.org/x/mod/sumdb/note tests
 * (note_test.go: TestNewVerifier, TestNewSigner, TestSign, TestOpen), including the
 * "PeterNeumann" note: Ed25519 is deterministic, so signing the same text with the same seed
 * must reproduce Go's signature byte for byte.
 */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  encodeVerifierKey,
  parseSignerKey,
  parseVerifierKey,
  signerFromKey,
  verifierFromKey,
} from "@/modules/audit/domain/keys";
import {
  MAX_SIGNATURES,
  NoteError,
  SIG_TYPE_ED25519,
  computeKeyId,
  parseNote,
  signNote,
  verifyNote,
  type NoteSignature,
} from "@/modules/audit/domain/note";
import { ed25519RawPublicKey, ed25519Signer, ed25519Verifier } from "@/modules/audit/domain/ed25519";

// note_test.go
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG =
  "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

const peter = verifierFromKey(PETER_VKEY);
const enoch = verifierFromKey(ENOCH_VKEY);

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NoteError) return e.code;
    throw e;
  }
  return "ok";
}

const sigOf = (line: string): NoteSignature => parseNote(`x\n\n${line}`).signatures[0]!;

describe("verifier and signer keys (Go TestNewVerifier, TestNewSigner)", () => {
  it("parses Go's keys and their key IDs", () => {
    const k = parseVerifierKey(PETER_VKEY);
    expect(k).toMatchObject({ name: "PeterNeumann", keyId: 0xc74f20a3, type: SIG_TYPE_ED25519 });
    expect(encodeVerifierKey("PeterNeumann", SIG_TYPE_ED25519, k.publicKey)).toBe(PETER_VKEY);
    const s = parseSignerKey(PETER_SKEY);
    expect(s.keyId).toBe(0xc74f20a3);
    expect(ed25519RawPublicKey(s.privateKey)).toEqual(k.publicKey);
    expect(computeKeyId("PeterNeumann", SIG_TYPE_ED25519, k.publicKey)).toBe(0xc74f20a3);
  });

  it("rejects every substring and every single-byte change of a verifier key", () => {
    const b = Buffer.from(PETER_VKEY);
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if (i !== 0 || j !== b.length)
          expect(
            code(() => parseVerifierKey(b.subarray(i, j).toString())),
            `[${i}:${j}]`,
          ).toBe("malformed");
      }
    }
    for (let i = 0; i < b.length; i++) {
      const c = Buffer.from(b);
      c[i] = c[i]! + 1;
      expect(
        code(() => parseVerifierKey(c.toString())),
        `byte ${i}`,
      ).toBe("malformed");
    }
    // Wrong-length key and unknown algorithm, each with an adjusted (correct) key hash.
    expect(
      code(() => parseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")),
    ).toBe("malformed");
    expect(code(() => parseVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))).toBe(
      "malformed",
    );
  });

  it("rejects every substring and every single-byte change of a signer key", () => {
    const b = Buffer.from(PETER_SKEY);
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if (i !== 0 || j !== b.length)
          expect(
            code(() => parseSignerKey(b.subarray(i, j).toString())),
            `[${i}:${j}]`,
          ).not.toBe("ok");
      }
    }
    for (let i = 0; i < b.length; i++) {
      const c = Buffer.from(b);
      c[i] = c[i]! + 1;
      expect(
        code(() => parseSignerKey(c.toString())),
        `byte ${i}`,
      ).not.toBe("ok");
    }
  });
});

describe("signing (Go TestSign)", () => {
  it("reproduces Go's PeterNeumann signature byte for byte", () => {
    expect(signNote(TEXT, [signerFromKey(PETER_SKEY)])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it("replaces an existing signature by the same key, and keeps others before the new ones", () => {
    const signer = signerFromKey(PETER_SKEY);
    const bogus = { name: "PeterNeumann", keyId: 0xc74f20a3, base64: "BADSIGN=", signature: Buffer.alloc(0) };
    expect(signNote(TEXT, [signer], [bogus])).toBe(`${TEXT}\n${PETER_SIG}`);
    expect(signNote(TEXT, [signer], [sigOf(ENOCH_SIG)])).toBe(`${TEXT}\n${ENOCH_SIG}${PETER_SIG}`);
  });

  it("refuses bad input", () => {
    const signer = signerFromKey(PETER_SKEY);
    expect(code(() => signNote("abc", [signer]))).toBe("malformed"); // no final newline
    expect(
      code(() => signNote(TEXT, [], [{ name: "a+b", keyId: 0, base64: "ABCD", signature: Buffer.alloc(0) }])),
    ).toBe("malformed");
    expect(
      code(() =>
        signNote(
          TEXT,
          [],
          [{ name: "PeterNeumann", keyId: 0xc74f20a3, base64: "BADHASH=", signature: Buffer.alloc(0) }],
        ),
      ),
    ).toBe("malformed");
    expect(code(() => signNote(TEXT, [{ ...signer, name: "bad name" }]))).toBe("invalid-signer");
    expect(code(() => signNote("tab\there\n", [signer]))).toBe("malformed"); // would not reopen
  });
});

describe("opening (Go TestOpen)", () => {
  const msg = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;

  it("verifies known keys and reports unknown ones as unverified", () => {
    const one = verifyNote(msg, [peter]);
    expect(one.text).toBe(TEXT);
    expect(one.verified.map((s) => [s.name, s.keyId])).toEqual([["PeterNeumann", 0xc74f20a3]]);
    expect(one.unverified.map((s) => [s.name, s.keyId])).toEqual([["EnochRoot", 0xaf0cfe78]]);
    const both = verifyNote(msg, [peter, enoch]);
    expect(both.verified.map((s) => s.name)).toEqual(["PeterNeumann", "EnochRoot"]);
    expect(both.unverified).toEqual([]);
  });

  it("requires at least one known signature", () => {
    expect(code(() => verifyNote(msg, []))).toBe("unverified");
  });

  it("refuses an ambiguous verifier list only when the ambiguous key is used", () => {
    expect(code(() => verifyNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch]))).toBe("ambiguous-key");
    expect(code(() => verifyNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, enoch]))).toBe("ok");
  });

  it("refuses more than 100 signatures", () => {
    expect(MAX_SIGNATURES).toBe(100);
    expect(code(() => verifyNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter]))).toBe("malformed");
    expect(code(() => verifyNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, []))).toBe("malformed");
    expect(code(() => verifyNote(`${TEXT}\n${PETER_SIG.repeat(100)}`, [peter]))).toBe("ok");
  });

  it("rejects the whole note when a known key's signature is invalid", () => {
    expect(code(() => verifyNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [peter]))).toBe(
      "invalid-signature",
    );
  });

  it("counts a known key once and collapses repeated unknown lines, as Go does", () => {
    const enochABCD = `${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
    const n = verifyNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${enochABCD}`, [peter]);
    expect(n.verified.map((s) => s.name)).toEqual(["PeterNeumann"]);
    expect(n.unverified.map((s) => s.base64)).toEqual([sigOf(ENOCH_SIG).base64, sigOf(enochABCD).base64]);
  });

  it("rejects malformed notes (Go's badMsgs, and more)", () => {
    const bad = [
      TEXT, // no signatures
      `${TEXT}\n`, // blank line, then nothing
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`, // last signature line without newline
      `\x01${TEXT}\n${PETER_SIG}`, // control character
      Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]), // invalid UTF-8
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`, // extra line after the signatures
      `${TEXT}\n- PeterNeumann ${sigOf(PETER_SIG).base64}\n`, // hyphen, not em dash
      `${TEXT}\n—PeterNeumann ${sigOf(PETER_SIG).base64}\n`, // no space after the dash
      `${TEXT}\n— PeterNeumann  ${sigOf(PETER_SIG).base64}\n`, // two spaces
      `${TEXT}\n— PeterNeumann ${sigOf(PETER_SIG).base64.replace(/=$/, "")}\n`, // unpadded base64
      `${TEXT}\n— PeterNeumann AAAAAA==\n`, // too short: key ID and no signature
      `${TEXT}\n— PeterNeumann\n`, // no signature at all
      `${TEXT.replace("\n", "\r\n")}\n${PETER_SIG}`, // CR
      `lone \ud800 surrogate\n\n${PETER_SIG}`,
    ];
    for (const m of bad)
      expect(
        code(() => verifyNote(m, [peter])),
        JSON.stringify(m.toString()).slice(0, 60),
      ).toBe("malformed");
  });

  it("separates text from signatures at the LAST blank line (the C2SP spec example)", () => {
    const example =
      "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n" +
      "— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";
    const { text, signatures } = parseNote(example);
    expect(text).toBe("Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n");
    expect(signatures.map((s) => s.name)).toEqual(["quasimodo.example/salvatore"]);
    expect(code(() => verifyNote(example, [peter]))).toBe("unverified"); // its key is not published
  });
});

describe("round trips and tampering with fresh keys", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const other = generateKeyPairSync("ed25519");
  const name = "terrane/eu-central-1";
  const text = "terrane/eu-central-1\n42\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  const note = signNote(text, [ed25519Signer(name, privateKey)]);
  const v = ed25519Verifier(name, publicKey);

  it("round-trips, and the verifier key string round-trips", () => {
    expect(note.startsWith(`${text}\n— ${name} `)).toBe(true);
    expect(verifyNote(note, [v]).text).toBe(text);
    expect(
      verifyNote(Buffer.from(note), [verifierFromKey(encodeVerifierKey(name, SIG_TYPE_ED25519, publicKey))]).text,
    ).toBe(text);
    // keyID ‖ signature = 4 + 64 bytes.
    expect(Buffer.from(verifyNote(note, [v]).verified[0]!.base64, "base64")).toHaveLength(68);
  });

  it("a signature by another key under the same name is an unknown key, not a valid one", () => {
    expect(code(() => verifyNote(note, [ed25519Verifier(name, other.publicKey)]))).toBe("unverified");
  });

  it("a verifier with the same key but another name does not match (name and key ID must both match)", () => {
    expect(code(() => verifyNote(note, [ed25519Verifier("terrane/us-east-1", publicKey)]))).toBe("unverified");
    const renamed = note.replace(`— ${name} `, "— terrane/us-east-1 ");
    expect(code(() => verifyNote(renamed, [v]))).toBe("unverified");
  });

  it("a forged line claiming the right name and key ID is an invalid signature", () => {
    const forged = signNote(text, [{ ...ed25519Signer(name, other.privateKey), keyId: v.keyId }]);
    expect(code(() => verifyNote(forged, [v]))).toBe("invalid-signature");
  });

  it("altered text, an extra text line, a removed line, and an altered signature all fail", () => {
    expect(code(() => verifyNote(note.replace("\n42\n", "\n43\n"), [v]))).toBe("invalid-signature");
    expect(code(() => verifyNote(note.replace(text, `${text}extra\n`), [v]))).toBe("invalid-signature");
    expect(code(() => verifyNote(note.replace(text, `${text.split("\n").slice(1).join("\n")}`), [v]))).toBe(
      "invalid-signature",
    );
    const sig = verifyNote(note, [v]).verified[0]!;
    const raw = Buffer.from(sig.base64, "base64");
    raw[10] = raw[10]! ^ 1;
    expect(code(() => verifyNote(note.replace(sig.base64, raw.toString("base64")), [v]))).toBe("invalid-signature");
  });

  it("keeps other keys' signatures when a second key signs", () => {
    const second = ed25519Signer("witness.example/w", other.privateKey);
    const twice = signNote(text, [second], parseNote(note).signatures);
    const opened = verifyNote(twice, [v, ed25519Verifier("witness.example/w", other.publicKey)]);
    expect(opened.verified.map((s) => s.name)).toEqual([name, "witness.example/w"]);
  });
});
