/** `terrane verify <file.tlog-proof>`: good proofs pass, every kind of tampering fails with exit 1. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateKeyPairSync } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalJson } from "@/modules/audit/domain/canonical-json";
import { encodeVerifierKey } from "@/modules/audit/domain/keys";
import { SIG_TYPE_ED25519 } from "@/modules/audit/domain/note";
import { ed25519RawPublicKey } from "@/modules/audit/domain/ed25519";
import { RegionLog, logKeyPair, makeEntry, runCli, witnessKeyPair } from "./fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "terrane-cli-verify-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const w1 = witnessKeyPair("me-central-1");
const w2 = witnessKeyPair("af-south-1");
const log = new RegionLog("eu-central-1", logKeyPair("eu-central-1"), [w1]).grow(50);
const KEY = log.key.vkey;

/** Replaces line `n` (0-based) of a proof. */
const withLine = (proof: string, n: number, f: (line: string) => string | null) => {
  const lines = proof.split("\n");
  const next = f(lines[n]!);
  if (next === null) lines.splice(n, 1);
  else lines[n] = next;
  return lines.join("\n");
};
const flipBase64 = (b64: string) => {
  const bytes = Buffer.from(b64, "base64");
  bytes[bytes.length - 1]! ^= 0x01;
  return bytes.toString("base64");
};

describe("terrane verify: good proofs", () => {
  it("verifies proofs for first, last and inner entries, with the entry from extra", async () => {
    for (const index of [0, 1, 31, 32, 49]) {
      const file = write(`ok-${index}.tlog-proof`, await log.proof(index));
      const r = await runCli(["verify", file, "--key", KEY]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`verified: entry ${index} is in terrane/eu-central-1 (tree size 50)`);
      const entry = makeEntry(index, "eu-central-1");
      expect(r.out).toContain(entry.action);
      expect(r.out).toContain(entry.at);
      expect(r.out).toContain("the proof's extra field");
    }
  });

  it("prints the entry's action, time, actor and tenant, and --json gives the whole entry", async () => {
    const file = write("json.tlog-proof", await log.proof(4));
    const human = await runCli(["verify", file, "--key", KEY]);
    expect(human.out).toMatch(
      /entry: 2025-05-01T09:00:04\.000Z \S+ \(success\) by staff:st_4 \[Terrane Ops GmbH, DE\], tenant t_acme_eu-central-1/,
    );
    const r = await runCli(["verify", file, "--key", KEY, "--json"]);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({
      ok: true,
      exit_code: 0,
      type: "tlog-proof",
      index: 4,
      entry_source: "extra",
      checkpoint: { origin: "terrane/eu-central-1", size: 50 },
    });
    expect(out.leaf_hash).toBe(log.leaves[4]!.toString("hex"));
    expect((out.entry as { id: string }).id).toBe("ae_eu-central-1_000004");
    expect(out.unchecked_signatures).toEqual([expect.stringMatching(/^terrane-witness\/me-central-1\+[0-9a-f]{8}$/)]);
  });

  it("accepts the key as a file (with comments), and as a JWKS like /.well-known/jwks.json", async () => {
    const file = write("k.tlog-proof", await log.proof(7));
    const keyFile = write("log.vkey", `# the eu log key\n${KEY}\n`);
    expect((await runCli(["verify", file, "--key", keyFile])).code).toBe(0);
    const jwk = (k: typeof log.key | typeof w1, purpose: string, withVkey = true) => ({
      kty: "OKP",
      crv: "Ed25519",
      x: ed25519RawPublicKey(k.publicKey).toString("base64url"),
      kid: k.vkey.split("+").slice(0, 2).join("+"),
      use: "sig",
      alg: "EdDSA",
      terrane_purpose: purpose,
      ...(withVkey ? { terrane_verifier_key: k.vkey } : {}),
    });
    const jwks = write("jwks.json", JSON.stringify({ keys: [jwk(w2, "witness"), jwk(log.key, "audit-log")] }));
    const r = await runCli(["verify", file, "--key", jwks]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`signed by ${KEY.split("+").slice(0, 2).join("+")}`);

    // Without terrane_verifier_key: the key is built from x and --key-name.
    const bare = write("bare.json", JSON.stringify({ keys: [jwk(log.key, "audit-log", false)] }));
    const noName = await runCli(["verify", file, "--key", bare]);
    expect(noName.code).toBe(2);
    expect(noName.err).toContain("--key-name");
    expect((await runCli(["verify", file, "--key", bare, "--key-name", "terrane/eu-central-1"])).code).toBe(0);
    expect((await runCli(["verify", file, "--key", bare, "--key-name", "terrane/other"])).code).toBe(1);

    // A JWKS whose x and terrane_verifier_key disagree is refused as input.
    const other = generateKeyPairSync("ed25519");
    const lying = write(
      "lying.json",
      JSON.stringify({
        keys: [{ ...jwk(log.key, "audit-log"), x: ed25519RawPublicKey(other.publicKey).toString("base64url") }],
      }),
    );
    const r2 = await runCli(["verify", file, "--key", lying]);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain("different keys");

    // Witness keys from the same kind of JWKS.
    const wjwks = write("wjwks.json", JSON.stringify({ keys: [jwk(log.key, "audit-log"), jwk(w1, "witness")] }));
    const r3 = await runCli(["verify", file, "--key", KEY, "--witness-key", wjwks]);
    expect(r3.code, r3.err).toBe(0);
    expect(r3.out).toContain("witnesses: 1 of 1 given cosigned (quorum 1): terrane-witness/me-central-1+");
  });

  it("--entry supplies the bytes: canonical or pretty-printed JSON; must match extra when both", async () => {
    const bare = write("bare.tlog-proof", await log.proof(9, { extra: false }));
    const none = await runCli(["verify", bare, "--key", KEY]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("carries no entry");
    expect(none.err).toContain("--entry");

    const canonical = write("entry9.json", log.entries[9]!);
    expect((await runCli(["verify", bare, "--key", KEY, "--entry", canonical])).code).toBe(0);
    const pretty = write("entry9-pretty.json", `${JSON.stringify(JSON.parse(log.entries[9]!.toString()), null, 2)}\n`);
    const r = await runCli(["verify", bare, "--key", KEY, "--entry", pretty, "--json"]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ entry_source: "file", entry_canonicalised: true });

    const wrongEntry = write("entry10.json", log.entries[10]!);
    const r2 = await runCli(["verify", bare, "--key", KEY, "--entry", wrongEntry]);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain("the entry is not in the log");

    const withExtra = write("extra9.tlog-proof", await log.proof(9));
    expect((await runCli(["verify", withExtra, "--key", KEY, "--entry", pretty])).code).toBe(0);
    const r3 = await runCli(["verify", withExtra, "--key", KEY, "--entry", wrongEntry]);
    expect(r3.code).toBe(1);
    expect(r3.err).toContain("not the entry carried in the proof's extra field");

    const missing = await runCli(["verify", bare, "--key", KEY, "--entry", path.join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
  });

  it("checks witness cosignatures and the quorum", async () => {
    const file = write("w.tlog-proof", await log.proof(3));
    expect((await runCli(["verify", file, "--key", KEY, "--witness-key", w1.vkey])).code).toBe(0);
    // A witness that did not cosign: required by default (every witness given)…
    const r = await runCli(["verify", file, "--key", KEY, "--witness-key", w1.vkey, "--witness-key", w2.vkey]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("witness quorum not met: 1 of the required 2");
    // …unless the quorum says fewer.
    expect(
      (
        await runCli([
          "verify",
          file,
          "--key",
          KEY,
          "--witness-key",
          w1.vkey,
          "--witness-key",
          w2.vkey,
          "--quorum",
          "1",
        ])
      ).code,
    ).toBe(0);
    // A quorum larger than the witnesses given is a usage error.
    expect((await runCli(["verify", file, "--key", KEY, "--witness-key", w1.vkey, "--quorum", "2"])).code).toBe(2);
    // A forged cosignature by a given witness rejects the checkpoint.
    const lines = (await log.proof(3)).split("\n");
    const at = lines.findIndex((l) => l.startsWith("— terrane-witness/me-central-1 "));
    const [prefix, b64] = [
      lines[at]!.slice(0, lines[at]!.lastIndexOf(" ") + 1),
      lines[at]!.slice(lines[at]!.lastIndexOf(" ") + 1),
    ];
    lines[at] = prefix + flipBase64(b64);
    const forged = write("w-forged.tlog-proof", lines.join("\n"));
    const r2 = await runCli(["verify", forged, "--key", KEY, "--witness-key", w1.vkey]);
    expect(r2.code).toBe(1);
    expect(r2.err).toContain("bad signature");
    // Without the witness key, that line is an unknown signature and is ignored (Go note.Open).
    expect((await runCli(["verify", forged, "--key", KEY])).code).toBe(0);
  });
});

describe("terrane verify: tampering is exit 1, with the reason", () => {
  const cases: [string, (p: string) => string, RegExp][] = [
    [
      "changed entry bytes in extra",
      (p) =>
        withLine(p, 1, (l) => {
          const entry = JSON.parse(Buffer.from(l.slice(6), "base64").toString()) as Record<string, unknown>;
          entry.action = "auth.sign_in_failed";
          return `extra ${Buffer.from(canonicalJson(entry)).toString("base64")}`;
        }),
      /the entry is not in the log/,
    ],
    [
      "entry byte flipped in extra",
      (p) => withLine(p, 1, (l) => `extra ${flipBase64(l.slice(6))}`),
      /the entry is not in the log/,
    ],
    ["changed proof hash", (p) => withLine(p, 3, flipBase64), /the entry is not in the log/],
    ["removed proof hash", (p) => withLine(p, 4, () => null), /the entry is not in the log/],
    [
      "reordered proof hashes",
      (p) => {
        const lines = p.split("\n");
        [lines[3], lines[4]] = [lines[4]!, lines[3]!];
        return lines.join("\n");
      },
      /the entry is not in the log/,
    ],
    ["wrong index", (p) => withLine(p, 2, () => "index 22"), /the entry is not in the log/],
    ["index beyond the tree", (p) => withLine(p, 2, () => "index 50"), /is not in a tree of 50/],
    [
      "altered checkpoint size",
      (p) => p.replace("\nterrane/eu-central-1\n50\n", "\nterrane/eu-central-1\n51\n"),
      /bad signature/,
    ],
    [
      "altered checkpoint root",
      (p) => {
        const root = log.range.root().toString("base64");
        return p.replace(`\n50\n${root}\n`, `\n50\n${flipBase64(root)}\n`);
      },
      /bad signature/,
    ],
    [
      "altered checkpoint origin",
      (p) => p.replace("\nterrane/eu-central-1\n50\n", "\nterrane/eu-central-2\n50\n"),
      /bad signature/,
    ],
    [
      "altered log signature",
      (p) => {
        const lines = p.split("\n");
        const at = lines.findIndex((l) => l.startsWith("— terrane/eu-central-1 "));
        const cut = lines[at]!.lastIndexOf(" ") + 1;
        lines[at] = lines[at]!.slice(0, cut) + flipBase64(lines[at]!.slice(cut));
        return lines.join("\n");
      },
      /bad signature/,
    ],
    [
      "log signature removed",
      (p) =>
        p
          .split("\n")
          .filter((l) => !l.startsWith("— terrane/eu-central-1 "))
          .join("\n"),
      /not signed by terrane\/eu-central-1\+/,
    ],
    ["checkpoint cut off", (p) => p.slice(0, p.indexOf("\n\n") + 2), /malformed/],
  ];

  it.each(cases)("%s", async (_name, tamper, message) => {
    const original = await log.proof(21);
    const tampered = tamper(original);
    expect(tampered).not.toBe(original);
    const file = write(`t-${_name.replace(/\W+/g, "-")}.tlog-proof`, tampered);
    const r = await runCli(["verify", file, "--key", KEY]);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(/^terrane: verification failed: /);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
    const j = await runCli(["verify", file, "--key", KEY, "--json"]);
    expect(j.json()).toMatchObject({ ok: false, exit_code: 1 });
  });

  it("a proof checked with another log's key fails (exit 1)", async () => {
    const file = write("wrong-key.tlog-proof", await log.proof(5));
    const other = logKeyPair("eu-central-1"); // same name, different key
    const r = await runCli(["verify", file, "--key", other.vkey]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("is not signed by terrane/eu-central-1+");
    const json = await runCli(["verify", file, "--key", other.vkey, "--json"]);
    expect(json.json()).toMatchObject({ ok: false, exit_code: 1, error: { code: "wrong_key" } });
  });

  it("a witness key given as the log key is refused, never taken for the log's signature", async () => {
    const file = write("witness-as-log.tlog-proof", await log.proof(5));
    const r = await runCli(["verify", file, "--key", w1.vkey]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("is a witness key (cosignature/v1, type 0x04), not a log key");
    // And a log key given as a witness key likewise.
    expect((await runCli(["verify", file, "--key", KEY, "--witness-key", KEY])).code).toBe(2);
  });

  it("--origin pins the log", async () => {
    const file = write("origin.tlog-proof", await log.proof(5));
    expect((await runCli(["verify", file, "--key", KEY, "--origin", "terrane/eu-central-1"])).code).toBe(0);
    const r = await runCli(["verify", file, "--key", KEY, "--origin", "terrane/me-central-1"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('expected "terrane/me-central-1"');
  });
});

describe("terrane verify: usage and input errors are exit 2", () => {
  it("unsupported file types, missing files, missing key, bad arguments", async () => {
    const proof = write("u.tlog-proof", await log.proof(1));
    const attestation = write(
      "attestation.json",
      JSON.stringify({ payloadType: "application/vnd.in-toto+json", payload: "", signatures: [] }),
    );
    const r = await runCli(["verify", attestation, "--key", KEY]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unsupported file type");
    expect((await runCli(["verify", attestation, "--key", KEY, "--json"])).json()).toMatchObject({
      ok: false,
      exit_code: 2,
      error: { code: "unsupported_file" },
    });
    expect((await runCli(["verify", path.join(dir, "missing.tlog-proof"), "--key", KEY])).code).toBe(2);
    expect((await runCli(["verify", proof])).code).toBe(2);
    expect((await runCli(["verify", proof, "--key", "terrane/eu-central-1+00000000+AAAA"])).code).toBe(2);
    expect((await runCli(["verify", proof, "--key", path.join(dir, "no-such.vkey")])).code).toBe(2);
    expect((await runCli(["verify", proof, "--key", KEY, "--frobnicate"])).code).toBe(2);
    expect((await runCli(["verify", proof, proof, "--key", KEY])).code).toBe(2);
    expect((await runCli(["verify", proof, "--key", KEY, "--quorum", "-1"])).code).toBe(2);
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(["frobnicate"])).code).toBe(2);
  });

  it("--help for every command is exit 0", async () => {
    for (const argv of [
      ["--help"],
      ["verify", "--help"],
      ["audit", "--help"],
      ["audit", "verify", "--help"],
      ["audit", "proof", "--help"],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      expect(r.out).toContain("Exit codes:");
    }
    expect((await runCli(["audit", "verify", "--help"])).out).toContain("serves leaf hashes, not entry contents");
  });

  it("a key file holding no key, or a non-key line, is an input error", async () => {
    const proof = write("kf.tlog-proof", await log.proof(1));
    expect((await runCli(["verify", proof, "--key", write("empty.vkey", "# nothing\n")])).code).toBe(2);
    expect((await runCli(["verify", proof, "--key", write("junk.vkey", "hello\n")])).code).toBe(2);
    const rawKey = encodeVerifierKey("terrane/eu-central-1", SIG_TYPE_ED25519, log.key.publicKey);
    expect(
      (await runCli(["verify", proof, "--key", write("two.vkey", `${logKeyPair("x").vkey}\n${rawKey}\n`)])).code,
    ).toBe(0);
  });
});
