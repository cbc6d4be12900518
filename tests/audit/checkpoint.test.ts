/** C2SP tlog-checkpoint bodies: exact format, strict parsing, signing and opening. */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CheckpointError,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  terraneOrigin,
  type Checkpoint,
} from "@/modules/audit/domain/checkpoint";
import { parseDecimalStrict } from "@/modules/audit/domain/encoding";
import { NoteError, signNote } from "@/modules/audit/domain/note";
import { ed25519Signer, ed25519Verifier } from "@/modules/audit/domain/ed25519";

// The example in c2sp.org/tlog-checkpoint.
const SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const ROOT = Buffer.from("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", "base64");

describe("checkpoint body", () => {
  it("parses and re-formats the spec's example exactly", () => {
    const c = parseCheckpoint(SPEC_BODY);
    expect(c).toEqual({ origin: "example.com/behind-the-sofa", size: 20852163, root: ROOT, extensions: [] });
    expect(formatCheckpoint(c)).toBe(SPEC_BODY);
  });

  it("keeps extension lines, and formats Terrane's origin", () => {
    const c: Checkpoint = {
      origin: terraneOrigin("eu-central-1"),
      size: 0,
      root: ROOT,
      extensions: ["ext one", "two"],
    };
    expect(formatCheckpoint(c)).toBe(`terrane/eu-central-1\n0\n${ROOT.toString("base64")}\next one\ntwo\n`);
    expect(parseCheckpoint(formatCheckpoint(c))).toEqual(c);
    expect(() => terraneOrigin("EU central")).toThrow(CheckpointError);
    expect(() => terraneOrigin("")).toThrow(CheckpointError);
  });

  it("accepts only canonical sizes up to 2^63-1 (and, here, up to 2^53-1)", () => {
    for (const bad of [
      "",
      "01",
      "00",
      "-1",
      "+1",
      " 1",
      "1 ",
      "1.0",
      "1e3",
      "0x10",
      "١",
      "9223372036854775808",
      "99999999999999999999",
    ]) {
      expect(parseDecimalStrict(bad), bad).toBeNull();
      expect(() => parseCheckpoint(`o\n${bad}\n${ROOT.toString("base64")}\n`), bad).toThrow(CheckpointError);
    }
    expect(parseDecimalStrict("9223372036854775807")).toBe(2n ** 63n - 1n);
    expect(() => parseCheckpoint(`o\n9223372036854775807\n${ROOT.toString("base64")}\n`)).toThrow(/2\^53/);
    expect(parseCheckpoint(`o\n9007199254740991\n${ROOT.toString("base64")}\n`).size).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("requires a 32-byte root in canonical, padded standard base64", () => {
    const b64 = ROOT.toString("base64");
    const bad = [
      b64.slice(0, -1), // no padding
      Buffer.alloc(31).toString("base64"),
      Buffer.alloc(33).toString("base64"),
      ROOT.toString("base64url"),
      `${b64.slice(0, -2)}J=`, // non-zero unused bits: same bytes, different text
      ` ${b64}`,
      "",
    ];
    for (const r of bad) expect(() => parseCheckpoint(`o\n1\n${r}\n`), r).toThrow(CheckpointError);
  });

  it("rejects structural damage", () => {
    const b64 = ROOT.toString("base64");
    for (const bad of [
      `o\n1\n${b64}`, // no final newline
      `o\n1\n`, // no root
      `\n1\n${b64}\n`, // empty origin
      `o\n1\n${b64}\n\n`, // empty extension line
      `o\n1\n${b64}\next\n\n`,
      `o\r\n1\n${b64}\n`,
    ]) {
      expect(() => parseCheckpoint(bad), JSON.stringify(bad)).toThrow(CheckpointError);
    }
    expect(() => formatCheckpoint({ origin: "a\nb", size: 1, root: ROOT, extensions: [] })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: "o", size: -1, root: ROOT, extensions: [] })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: "o", size: 1.5, root: ROOT, extensions: [] })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: "o", size: 1, root: ROOT.subarray(1), extensions: [] })).toThrow(
      CheckpointError,
    );
    expect(() => formatCheckpoint({ origin: "o", size: 1, root: ROOT, extensions: [""] })).toThrow(CheckpointError);
  });
});

describe("signed checkpoints", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const origin = terraneOrigin("eu-central-1");
  const c: Checkpoint = { origin, size: 1234, root: ROOT, extensions: [] };
  const note = signCheckpoint(c, { name: origin, privateKey });
  const log = ed25519Verifier(origin, publicKey);

  it("signs as a note whose text is the body and opens back to the same values", () => {
    expect(note.startsWith(`${formatCheckpoint(c)}\n— ${origin} `)).toBe(true);
    const opened = openCheckpoint(note, [log], { origin });
    expect(opened.checkpoint).toEqual(c);
    expect(opened.note.verified.map((s) => s.name)).toEqual([origin]);
  });

  it("refuses another origin, another key, and altered values", () => {
    expect(() => openCheckpoint(note, [log], { origin: "terrane/us-east-1" })).toThrow(CheckpointError);
    const stranger = generateKeyPairSync("ed25519");
    expect(() => openCheckpoint(note, [ed25519Verifier(origin, stranger.publicKey)])).toThrow(NoteError);
    expect(() => openCheckpoint(note.replace("\n1234\n", "\n1235\n"), [log])).toThrow(NoteError);
  });

  it("refuses a correctly signed note that is not a checkpoint", () => {
    const signedJunk = signNote("hello\n", [ed25519Signer(origin, privateKey)]);
    expect(() => openCheckpoint(signedJunk, [log])).toThrow(CheckpointError);
  });
});
