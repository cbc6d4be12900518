/**
 * C2SP tlog-cosignature, Ed25519 cosignature/v1. Byte layout checked against the spec text and
 * the real signatures quoted in it and in transparency-dev/formats note_cosigv1_test.go.
 */
import { generateKeyPairSync, verify as edVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatCheckpoint, signCheckpoint, terraneOrigin, type Checkpoint } from "@/modules/audit/domain/checkpoint";
import {
  COSIGNATURE_V1_SIZE,
  SIG_TYPE_COSIGNATURE_V1,
  cosignCheckpoint,
  cosignatureMessage,
  cosignatureTimestamp,
  cosignatureVerifier,
  verifyCosignedCheckpoint,
} from "@/modules/audit/domain/cosignature";
import { encodeVerifierKey, parseVerifierKey, verifierFromKey } from "@/modules/audit/domain/keys";
import { NoteError, computeKeyId, parseNote, verifyNote } from "@/modules/audit/domain/note";
import { ed25519RawPublicKey, ed25519Verifier } from "@/modules/audit/domain/ed25519";

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NoteError) return e.code;
    throw e;
  }
  return "ok";
}

describe("cosignature/v1 format, against the spec", () => {
  it("signs exactly: cosignature/v1 line, time line, then the checkpoint body (spec example)", () => {
    const body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    expect(cosignatureMessage(1679315147n, body).toString()).toBe(
      "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
    );
    expect(cosignatureMessage(0n, body).toString().split("\n")[1]).toBe("time 0");
    expect(() => cosignatureMessage(2n ** 63n, body)).toThrow(RangeError);
  });

  it("reads the timestamp from real cosignatures: key ID[4] ‖ u64 big-endian time[8] ‖ Ed25519[64]", () => {
    // The witness line in the c2sp.org/tlog-cosignature example, whose message says "time 1679315147".
    const spec = Buffer.from(
      "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==",
      "base64",
    );
    expect(spec).toHaveLength(4 + COSIGNATURE_V1_SIZE);
    expect(cosignatureTimestamp(spec.subarray(4))).toBe(1679315147n);
    // transparency-dev/formats TestCoSigV1Timestamp "works": 1727964367.
    const go = Buffer.from(
      "ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==",
      "base64",
    );
    expect(cosignatureTimestamp(go.subarray(4))).toBe(1727964367n);
    // …and its "wrong type of signature" (a plain 64-byte Ed25519 signature) has none.
    const plain = Buffer.from(
      "eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=",
      "base64",
    );
    expect(cosignatureTimestamp(plain.subarray(4))).toBeNull();
    // A timestamp above 2^63-1 is invalid.
    expect(cosignatureTimestamp(Buffer.concat([Buffer.from("8000000000000000", "hex"), Buffer.alloc(64)]))).toBeNull();
  });

  it("parses real type-0x04 and type-0x01 verifier keys (transparency-dev/formats TestCoSigV1NewVerifier)", () => {
    const witness = parseVerifierKey("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
    expect(witness).toMatchObject({ name: "remora.n621.de", keyId: 0xda77ade7, type: SIG_TYPE_COSIGNATURE_V1 });
    expect(computeKeyId("remora.n621.de", 0x04, witness.publicKey)).toBe(0xda77ade7);
    expect(parseVerifierKey("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6").type).toBe(0x01);
    expect(code(() => parseVerifierKey("rekor.sigstore.dev+12345678+AwEB"))).toBe("malformed");
    expect(code(() => parseVerifierKey("bananas.sigstore.dev+12344556"))).toBe("malformed");
  });
});

describe("cosigning a checkpoint", () => {
  const log = generateKeyPairSync("ed25519");
  const witness = generateKeyPairSync("ed25519");
  const stranger = generateKeyPairSync("ed25519");
  const origin = terraneOrigin("eu-central-1");
  const witnessName = "terrane/us-east-1/witness";
  const root = Buffer.alloc(32, 7);
  const checkpoint: Checkpoint = { origin, size: 99, root, extensions: [] };
  const note = signCheckpoint(checkpoint, { name: origin, privateKey: log.privateKey });
  const logV = ed25519Verifier(origin, log.publicKey);
  const witnessV = cosignatureVerifier(witnessName, witness.publicKey);
  const T = 1_700_000_000n;
  const cosigned = cosignCheckpoint(note, { name: witnessName, privateKey: witness.privateKey, timestamp: T }, [
    logV,
  ]).note;

  it("appends one line: key ID with type 0x04, then the timestamp, then an Ed25519 signature of the message", () => {
    expect(cosigned.startsWith(note)).toBe(true);
    const line = parseNote(cosigned).signatures[1]!;
    expect(line.name).toBe(witnessName);
    const raw = Buffer.from(line.base64, "base64");
    expect(raw).toHaveLength(76);
    expect(raw.readUInt32BE(0)).toBe(computeKeyId(witnessName, 0x04, ed25519RawPublicKey(witness.publicKey)));
    expect(raw.readBigUInt64BE(4)).toBe(T);
    // Check the signature with plain node:crypto over the spec's message, independently of our verifier.
    expect(
      edVerify(null, cosignatureMessage(T, formatCheckpoint(checkpoint)), witness.publicKey, raw.subarray(12)),
    ).toBe(true);
  });

  it("round-trips: the log signature and the witness's cosignature verify, with its time", () => {
    const v = verifyCosignedCheckpoint(cosigned, [logV], [witnessV]);
    expect(v.checkpoint).toEqual(checkpoint);
    expect(v.cosignatures).toEqual([{ name: witnessName, keyId: witnessV.keyId, timestamp: T }]);
    // The same works with the witness configured from its verifier-key string.
    const vkey = encodeVerifierKey(witnessName, SIG_TYPE_COSIGNATURE_V1, witness.publicKey);
    expect(verifyCosignedCheckpoint(cosigned, [logV], [verifierFromKey(vkey)]).cosignatures).toHaveLength(1);
    // Clients that only know the log key ignore the cosignature, as the note spec requires.
    expect(verifyNote(cosigned, [logV]).unverified.map((s) => s.name)).toEqual([witnessName]);
  });

  it("wrong witness key: the line is from an unknown key and not counted", () => {
    const v = verifyCosignedCheckpoint(cosigned, [logV], [cosignatureVerifier(witnessName, stranger.publicKey)]);
    expect(v.cosignatures).toEqual([]);
    // A plain Ed25519 (type 0x01) verifier for the very same key has another key ID: no match…
    const plain = ed25519Verifier(witnessName, witness.publicKey);
    expect(code(() => verifyNote(cosigned.replace(/^— terrane\/eu-central-1 .*\n/m, ""), [plain]))).toBe("unverified");
    // …and roles cannot be mixed up: witness keys must be cosignature keys, and vice versa.
    expect(() => verifyCosignedCheckpoint(cosigned, [logV], [plain])).toThrow(TypeError);
    expect(() => verifyCosignedCheckpoint(cosigned, [witnessV], [])).toThrow(TypeError);
  });

  it("a forged cosignature line under the witness's name and key ID is rejected", () => {
    const forged = cosignCheckpoint(note, { name: witnessName, privateKey: stranger.privateKey, timestamp: T }, [
      logV,
    ]).note;
    const line = parseNote(forged).signatures[1]!;
    const raw = Buffer.from(line.base64, "base64");
    raw.writeUInt32BE(witnessV.keyId, 0);
    expect(
      code(() => verifyCosignedCheckpoint(forged.replace(line.base64, raw.toString("base64")), [logV], [witnessV])),
    ).toBe("invalid-signature");
  });

  it("an altered checkpoint fails (both signatures cover the body)", () => {
    expect(code(() => verifyCosignedCheckpoint(cosigned.replace("\n99\n", "\n98\n"), [logV], [witnessV]))).toBe(
      "invalid-signature",
    );
    // Even if the attacker could re-sign as the log, the witness's cosignature would fail.
    const resigned = signCheckpoint({ ...checkpoint, size: 98 }, { name: origin, privateKey: log.privateKey });
    const spliced = `${resigned}${cosigned.split("\n").filter((l) => l.startsWith(`— ${witnessName} `))[0]}\n`;
    expect(code(() => verifyCosignedCheckpoint(spliced, [logV], [witnessV]))).toBe("invalid-signature");
  });

  it("an altered timestamp fails", () => {
    const line = parseNote(cosigned).signatures[1]!;
    const raw = Buffer.from(line.base64, "base64");
    raw.writeBigUInt64BE(T + 1n, 4);
    expect(
      code(() => verifyCosignedCheckpoint(cosigned.replace(line.base64, raw.toString("base64")), [logV], [witnessV])),
    ).toBe("invalid-signature");
  });

  it("refuses future-dated cosignatures when told the time", () => {
    expect(code(() => verifyCosignedCheckpoint(cosigned, [logV], [witnessV], { now: T - 3600n }))).toBe(
      "invalid-signature",
    );
    expect(code(() => verifyCosignedCheckpoint(cosigned, [logV], [witnessV], { now: T - 60n }))).toBe("ok");
  });

  it("requires the log's own signature; a witness alone does not make a checkpoint", () => {
    const onlyWitness = `${formatCheckpoint(checkpoint)}\n${cosigned.split("\n\n")[1]!.split("\n")[1]}\n`;
    expect(code(() => verifyCosignedCheckpoint(onlyWitness, [logV], [witnessV]))).toBe("unverified");
  });

  it("a witness refuses to cosign a note the log did not sign", () => {
    const fake = signCheckpoint(checkpoint, { name: origin, privateKey: stranger.privateKey });
    expect(code(() => cosignCheckpoint(fake, { name: witnessName, privateKey: witness.privateKey }, [logV]))).toBe(
      "unverified",
    );
  });

  it("re-cosigning replaces the witness's older cosignature and keeps other lines", () => {
    const again = cosignCheckpoint(
      cosigned,
      { name: witnessName, privateKey: witness.privateKey, timestamp: T + 60n },
      [logV],
    );
    const sigs = parseNote(again.note).signatures;
    expect(sigs.map((s) => s.name)).toEqual([origin, witnessName]);
    expect(verifyCosignedCheckpoint(again.note, [logV], [witnessV]).cosignatures[0]!.timestamp).toBe(T + 60n);
  });
});
