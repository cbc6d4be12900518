/** C2SP tlog-proof: format, strict parsing, offline verification, and every kind of tampering. */
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { signCheckpoint, terraneOrigin } from "@/modules/audit/domain/checkpoint";
import { SIG_TYPE_COSIGNATURE_V1, cosignCheckpoint } from "@/modules/audit/domain/cosignature";
import { encodeVerifierKey } from "@/modules/audit/domain/keys";
import { CompactRange, MemoryNodeStore, leafHash } from "@/modules/audit/domain/merkle";
import { NoteError, SIG_TYPE_ED25519 } from "@/modules/audit/domain/note";
import { ed25519Verifier } from "@/modules/audit/domain/ed25519";
import {
  TLOG_PROOF_HEADER,
  TlogProofError,
  createTlogProof,
  formatTlogProof,
  parseTlogProof,
  verifyTlogProof,
} from "@/modules/audit/domain/tlog-proof";

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof TlogProofError) return e.code;
    throw e;
  }
  return "ok";
}

// A small region log: 50 entries, a signed checkpoint, two witness cosignatures.
const origin = terraneOrigin("eu-central-1");
const log = generateKeyPairSync("ed25519");
const w1 = generateKeyPairSync("ed25519");
const w2 = generateKeyPairSync("ed25519");
const LOG_VKEY = encodeVerifierKey(origin, SIG_TYPE_ED25519, log.publicKey);
const W1_VKEY = encodeVerifierKey("terrane/us-east-1", SIG_TYPE_COSIGNATURE_V1, w1.publicKey);
const W2_VKEY = encodeVerifierKey("terrane/ap-south-1", SIG_TYPE_COSIGNATURE_V1, w2.publicKey);
const entries = Array.from({ length: 50 }, (_, i) =>
  canonicalJsonBytes({ action: "token.created", index: i, region: "eu-central-1", salt: `salt-${i}` }),
);
const store = new MemoryNodeStore();
const range = CompactRange.empty();
for (const e of entries) range.append(leafHash(e), store.sink);
const checkpointNote = (() => {
  const logV = [ed25519Verifier(origin, log.publicKey)];
  const signed = signCheckpoint(
    { origin, size: range.size, root: range.root(), extensions: [] },
    { name: origin, privateKey: log.privateKey },
  );
  const one = cosignCheckpoint(
    signed,
    { name: "terrane/us-east-1", privateKey: w1.privateKey, timestamp: 1_750_000_000 },
    logV,
  ).note;
  return cosignCheckpoint(
    one,
    { name: "terrane/ap-south-1", privateKey: w2.privateKey, timestamp: 1_750_000_030 },
    logV,
  ).note;
})();
const INDEX = 17;
const proofText = await createTlogProof(store, INDEX, checkpointNote);

describe("tlog-proof format", () => {
  it("is header, index, base64 hashes, blank line, then the checkpoint verbatim", () => {
    const lines = proofText.split("\n");
    expect(lines[0]).toBe("c2sp.org/tlog-proof@v1");
    expect(lines[1]).toBe("index 17");
    const hashes = lines.slice(2, lines.indexOf(""));
    expect(hashes).toHaveLength(6); // ⌈log2 50⌉ levels for leaf 17 of 50
    for (const h of hashes) expect(Buffer.from(h, "base64")).toHaveLength(32);
    expect(proofText.endsWith(`\n\n${checkpointNote}`)).toBe(true);
  });

  it("round-trips through parse and format, with and without extra data", () => {
    const parsed = parseTlogProof(proofText);
    expect(parsed.index).toBe(INDEX);
    expect(parsed.extra).toBeUndefined();
    expect(parsed.checkpoint).toBe(checkpointNote);
    expect(formatTlogProof(parsed)).toBe(proofText);
    const withExtra = formatTlogProof({ ...parsed, extra: Buffer.from("vrf proof") });
    expect(withExtra.split("\n")[1]).toBe(`extra ${Buffer.from("vrf proof").toString("base64")}`);
    expect(parseTlogProof(withExtra).extra).toEqual(Buffer.from("vrf proof"));
    expect(formatTlogProof(parseTlogProof(withExtra))).toBe(withExtra);
  });

  it("parses the example in the C2SP spec", () => {
    const example = [
      "c2sp.org/tlog-proof@v1",
      "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ",
      "index 73894",
      "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=",
      "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=",
      "EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=",
      "RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=",
      "AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=",
      "",
      "example.com/fancylog",
      "109482",
      "sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=",
      "",
      "— example.com/fancylog hI2DJw[...]1roloI=",
      "",
    ].join("\n");
    const p = parseTlogProof(example);
    expect(p.index).toBe(73894);
    expect(p.proof).toHaveLength(5);
    expect(p.extra!.toString("latin1").startsWith("age-v1.2.1-darwin-arm64.tar.gz")).toBe(true);
    expect(p.checkpoint.startsWith("example.com/fancylog\n109482\n")).toBe(true);
  });

  it("rejects malformed proofs", () => {
    const [, , ...rest] = proofText.split("\n");
    const body = rest.join("\n");
    const bad = [
      "",
      proofText.replace(TLOG_PROOF_HEADER, "c2sp.org/tlog-proof@v2"),
      proofText.replace("index 17", "index 017"),
      proofText.replace("index 17", "index -17"),
      proofText.replace("index 17", "index  17"),
      proofText.replace("index 17", "index 9223372036854775808"),
      proofText.replace("index 17\n", ""), // no index line
      `${TLOG_PROOF_HEADER}\nextra !!\nindex 17\n${body}`,
      `${TLOG_PROOF_HEADER}\nindex 17\n${body.replace(/^(\S+)=\n/, "$1\n")}`, // unpadded hash
      `${TLOG_PROOF_HEADER}\nindex 17\n${Buffer.alloc(31).toString("base64")}\n${body}`, // short hash
      `${TLOG_PROOF_HEADER}\nindex 17\n${`${Buffer.alloc(32).toString("base64")}\n`.repeat(64)}\n${checkpointNote}`,
      proofText.slice(0, proofText.indexOf("\n\n")), // no blank line, no checkpoint
      proofText.slice(0, proofText.indexOf("\n\n") + 2), // blank line, then nothing
    ];
    for (const t of bad)
      expect(
        code(() => parseTlogProof(t)),
        JSON.stringify(t.slice(0, 80)),
      ).toBe("malformed");
  });
});

describe("verifyTlogProof", () => {
  const entry = entries[INDEX]!;

  it("verifies from the entry bytes or the leaf hash, with keys as vkey strings", () => {
    const v = verifyTlogProof(proofText, { entryBytes: entry }, [LOG_VKEY], { origin });
    expect(v.index).toBe(INDEX);
    expect(v.checkpoint.size).toBe(50);
    expect(v.leafHash).toEqual(leafHash(entry));
    expect(
      verifyTlogProof(proofText, { leafHash: leafHash(entry) }, [ed25519Verifier(origin, log.publicKey)]).index,
    ).toBe(INDEX);
  });

  it("counts witness cosignatures toward a quorum", () => {
    const v = verifyTlogProof(proofText, { entryBytes: entry }, [LOG_VKEY], {
      witnesses: [W1_VKEY, W2_VKEY],
      witnessQuorum: 2,
    });
    expect(v.cosignatures.map((c) => [c.name, c.timestamp])).toEqual([
      ["terrane/us-east-1", 1_750_000_000n],
      ["terrane/ap-south-1", 1_750_000_030n],
    ]);
    expect(
      code(() =>
        verifyTlogProof(proofText, { entryBytes: entry }, [LOG_VKEY], { witnesses: [W1_VKEY], witnessQuorum: 2 }),
      ),
    ).toBe("witnesses");
  });

  it("every kind of tampering is rejected", () => {
    const v = (t: string, e: Uint8Array = entry, keys = [LOG_VKEY], opts = {}) =>
      code(() => verifyTlogProof(t, { entryBytes: e }, keys, opts));
    const hashLines = proofText.split("\n").slice(2, 8);
    const flip = (line: string) => {
      const b = Buffer.from(line, "base64");
      b[5] = b[5]! ^ 0x20;
      return b.toString("base64");
    };
    // Another entry, another index, an index past the end.
    expect(v(proofText, entries[INDEX + 1]!)).toBe("inclusion");
    expect(v(proofText.replace("index 17", "index 16"))).toBe("inclusion");
    expect(v(proofText.replace("index 17", "index 50"))).toBe("inclusion");
    // The entry's content changed by one character.
    const changed = Buffer.from(entry.toString().replace("salt-17", "salt-18"));
    expect(v(proofText, changed)).toBe("inclusion");
    // Proof hashes: flipped bit in each, one removed, one duplicated, two swapped.
    for (const h of hashLines) expect(v(proofText.replace(`${h}\n`, `${flip(h)}\n`)), h).toBe("inclusion");
    expect(v(proofText.replace(`${hashLines[2]}\n`, ""))).toBe("inclusion");
    expect(v(proofText.replace(`${hashLines[2]}\n`, `${hashLines[2]}\n${hashLines[2]}\n`))).toBe("inclusion");
    expect(v(proofText.replace(`${hashLines[0]}\n${hashLines[1]}\n`, `${hashLines[1]}\n${hashLines[0]}\n`))).toBe(
      "inclusion",
    );
    // The checkpoint: size, root, origin changed; log signature removed; wrong key; wrong origin expected.
    expect(v(proofText.replace("\n50\n", "\n51\n"))).toBe("checkpoint");
    const rootLine = checkpointNote.split("\n")[2]!;
    expect(v(proofText.replace(`\n${rootLine}\n`, `\n${flip(rootLine)}\n`))).toBe("checkpoint");
    expect(v(proofText.replace(`${origin}\n50`, "terrane/us-east-1\n50"))).toBe("checkpoint");
    const logLine = checkpointNote.split("\n").find((l) => l.startsWith(`— ${origin} `))!;
    expect(v(proofText.replace(`${logLine}\n`, ""))).toBe("checkpoint");
    expect(v(proofText, entry, [W1_VKEY])).toBe("checkpoint"); // a witness's cosignature is not the log's signature
    const other = generateKeyPairSync("ed25519");
    expect(v(proofText, entry, [encodeVerifierKey(origin, SIG_TYPE_ED25519, other.publicKey)])).toBe("checkpoint");
    expect(v(proofText, entry, [LOG_VKEY], { origin: "terrane/us-east-1" })).toBe("origin");
    // A witness cosignature altered (when that witness is trusted).
    const w1Line = checkpointNote.split("\n").find((l) => l.startsWith("— terrane/us-east-1 "))!;
    const w1b64 = w1Line.split(" ")[2]!;
    expect(v(proofText.replace(w1b64, flip(w1b64)), entry, [LOG_VKEY], { witnesses: [W1_VKEY] })).toBe("checkpoint");
  });

  it("a key string that is not a verifier key is a configuration error, not a failed proof", () => {
    expect(() => verifyTlogProof(proofText, { entryBytes: entry }, [LOG_VKEY.replace("+", "-")])).toThrow(NoteError);
    expect(() => verifyTlogProof(proofText, { entryBytes: entry }, [LOG_VKEY], { witnesses: ["nope"] })).toThrow(
      NoteError,
    );
  });

  it("extra data is carried but not authenticated, as the spec warns", () => {
    const withExtra = formatTlogProof({ ...parseTlogProof(proofText), extra: Buffer.from("anything") });
    expect(verifyTlogProof(withExtra, { entryBytes: entry }, [LOG_VKEY]).extra).toEqual(Buffer.from("anything"));
  });

  it("every entry of the log has a verifying proof", async () => {
    for (let i = 0; i < entries.length; i++) {
      const t = await createTlogProof(store, i, checkpointNote);
      expect(verifyTlogProof(t, { entryBytes: entries[i]! }, [LOG_VKEY], { origin }).index).toBe(i);
    }
  });
});
