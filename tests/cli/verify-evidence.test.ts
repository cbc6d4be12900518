/**
 * `terrane verify <evidence.zip>` on a real package (built by evidencePackage on a seeded
 * region), in-process as tests/cli/verify.test.ts runs the CLI: the package as downloaded
 * verifies against the region's JWKS (file or URL) with its proofs and sample; every kind of
 * tampering fails with exit 1 and names the file and what failed.
 */
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeVerifierKey } from "@/modules/audit/domain/keys";
import { ed25519RawPublicKey } from "@/modules/audit/domain/ed25519";
import { regionJwks } from "@/modules/audit/server/public-log";
import { readZip } from "@/cli/zip";
import { buildEvidencePackage, changeOneByte, pack, unpack } from "../helpers/evidence-package";
import { useSeededRegion } from "../helpers/seeded-region";
import { runCli } from "./fixtures";

const ENTRIES = "audit/entries.jsonl";
const PROOFS = "audit/proofs.jsonl";

describe("terrane verify <evidence package>, on embedded", () => {
  const world = useSeededRegion("embedded", "eu-central-1", { keys: true, decisions: true });
  let zip: Buffer;
  let files: Map<string, Buffer>;
  let jwks: Awaited<ReturnType<typeof regionJwks>>;
  let jwksFile: string;
  let dir: string;
  let n = 0;

  beforeAll(async () => {
    zip = await buildEvidencePackage(world);
    files = await unpack(zip);
    jwks = await regionJwks();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "terrane-cli-evidence-"));
    jwksFile = path.join(dir, "jwks.json");
    fs.writeFileSync(jwksFile, JSON.stringify(jwks));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (bytes: Buffer) => {
    const file = path.join(dir, `package-${n++}.zip`);
    fs.writeFileSync(file, bytes);
    return file;
  };
  /** The package re-zipped after `change` edits its files. */
  const tampered = async (change: (f: Map<string, Buffer>) => void) => {
    const mine = new Map(files);
    change(mine);
    return write(await pack(mine));
  };
  const text = (name: string) => files.get(name)!.toString("utf8");
  const verify = (file: string, ...rest: string[]) => runCli(["verify", file, "--jwks", jwksFile, ...rest]);

  it("verifies the package as downloaded: signature, files, attestations, checkpoints, consistency, every inclusion proof, row counts, sample", async () => {
    const r = await verify(write(zip));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe("");
    const entries = text(ENTRIES).split("\n").length - 1;
    expect(entries).toBeGreaterThan(0);
    expect(r.out).toMatch(
      new RegExp(
        `^verified: evidence package of northwind-eu \\(.+\\): \\d+ files, ${entries} audit entries, \\d+ attestations`,
      ),
    );
    expect(r.out).toContain(
      `OK: manifest.json is signed by ${jwks.keys.find((k) => k.terrane_purpose === "attestation")!.kid}`,
    );
    expect(r.out).toContain("OK: keys/attestation.pem, keys/audit-log.pem and keys/audit-log.vkey");
    expect(r.out).toMatch(/OK: \d+ files match manifest\.json \(SHA-256 and size\), and there is no other/);
    expect(r.out).toMatch(/OK: attestations\/.+\.intoto\.json: residency attestation northwind-eu\//);
    expect(r.out).toMatch(/OK: attestations\/index\.intoto\.json: attestation index v\d+ of northwind-eu/);
    expect(r.out).toMatch(/OK: audit\/checkpoint\.txt is signed by terrane\/eu-central-1\+[0-9a-f]{8}/);
    // The attestation was issued after the period: the log grew, and the proof spans the growth.
    const consistency = /the tree of size (\d+) is a prefix of the newest \(size (\d+)\)/.exec(r.out);
    expect(consistency, r.out).not.toBeNull();
    expect(Number(consistency![1])).toBeLessThan(Number(consistency![2]));
    expect(r.out).toContain(`OK: ${entries} audit entries of audit/entries.jsonl are in the signed tree`);
    expect(r.out).toMatch(/OK: \d+ populations have the row counts manifest\.json gives: audit_entries \d+/);
    expect(r.out).toMatch(/OK: samples\.json: the lines of \d+ populations are the ones seed [0-9a-f]{64} draws/);
    expect(r.out).not.toContain("FAILED");

    const json = await verify(write(zip), "--json");
    expect(json.code).toBe(0);
    const out = json.json();
    expect(out).toMatchObject({
      ok: true,
      exit_code: 0,
      type: "evidence-package",
      tenant: { slug: "northwind-eu" },
      keys: { pinned: true },
      audit_log: { origin: "terrane/eu-central-1", entries },
      warnings: [],
    });
    expect((out.checks as { ok: boolean }[]).every((c) => c.ok)).toBe(true);
    expect((out.sample as { populations: unknown[] }).populations.length).toBeGreaterThan(0);
  });

  it("takes the JWKS from a URL, and without --jwks uses the package's own keys with a warning that they are not pinned", async () => {
    const file = write(zip);
    const url = "https://eu-central-1.terrane.example/.well-known/jwks.json";
    let asked = "";
    const overHttp = await runCli(["verify", file, "--jwks", url], {
      fetch: async (input) => {
        asked = input;
        return new Response(JSON.stringify(jwks), { headers: { "content-type": "application/json" } });
      },
    });
    expect(overHttp.code, overHttp.err).toBe(0);
    expect(asked).toBe(url);
    expect(overHttp.out).toContain(`keys: from ${url}`);

    const unpinned = await runCli(["verify", file]);
    expect(unpinned.code, unpinned.err).toBe(0);
    expect(unpinned.err).toMatch(/warning: no --jwks: the keys come from the package's own keys\/jwks\.json/);
    expect(unpinned.out).toContain("not pinned");
    const json = await runCli(["verify", file, "--json"]);
    expect(json.json()).toMatchObject({ ok: true, keys: { pinned: false } });
    expect((json.json().warnings as string[])[0]).toMatch(/not that the region made it/);
  });

  it("a changed byte in audit/entries.jsonl: names the file, its digest and the entry whose inclusion proof fails", async () => {
    const r = await verify(await tampered((f) => f.set(ENTRIES, changeOneByte(f.get(ENTRIES)!))));
    expect(r.code, r.out).toBe(1);
    expect(r.err).toMatch(/^terrane: verification failed: \d+ problem\(s\) in the evidence package/);
    expect(r.err).toMatch(/FAILED: audit\/entries\.jsonl: sha256 is [0-9a-f]{64}, manifest\.json says [0-9a-f]{64}/);
    expect(r.err).toMatch(/FAILED: audit\/entries\.jsonl: line \d+ \(log index \d+\): inclusion proof fails/);
    expect(r.err).toMatch(/FAILED: audit\/entries\.jsonl: population audit_entries: sha256 is/);
    // Everything else still checked out, and says so.
    expect(r.err).toContain("OK: manifest.json is signed by");
    expect(r.err).not.toMatch(/FAILED: (?!audit\/entries\.jsonl)/);
  });

  it("two lines of audit/proofs.jsonl swapped: both entries' inclusion fails, by line and log index", async () => {
    const lines = text(PROOFS).split("\n");
    expect(lines.length).toBeGreaterThan(2);
    [lines[0], lines[1]] = [lines[1]!, lines[0]!];
    const r = await verify(await tampered((f) => f.set(PROOFS, Buffer.from(lines.join("\n"), "utf8"))));
    expect(r.code, r.out).toBe(1);
    expect(r.err).toMatch(/FAILED: audit\/entries\.jsonl: line 1 \(log index \d+\): inclusion proof fails/);
    expect(r.err).toMatch(/FAILED: audit\/entries\.jsonl: line 2 \(log index \d+\): inclusion proof fails/);
    expect(r.err).not.toMatch(/line 3 \(log index/);
    expect(r.err).toMatch(/FAILED: audit\/proofs\.jsonl: sha256 is/);
  });

  it("a wrong --jwks: the manifest signature is named, with the key that signed and the keys given", async () => {
    const fresh = (name: string, purpose: string) => {
      const { publicKey } = generateKeyPairSync("ed25519");
      const vkey = encodeVerifierKey(name, 0x01, publicKey);
      const [, id] = vkey.split("+");
      return {
        kty: "OKP",
        crv: "Ed25519",
        x: ed25519RawPublicKey(publicKey).toString("base64url"),
        kid: `${name}+${id}`,
        terrane_purpose: purpose,
        terrane_verifier_key: vkey,
      };
    };
    const wrong = {
      keys: [fresh("terrane-attestation/eu-central-1", "attestation"), fresh("terrane/eu-central-1", "audit-log")],
    };
    const wrongFile = path.join(dir, "wrong-jwks.json");
    fs.writeFileSync(wrongFile, JSON.stringify(wrong));
    const real = jwks.keys.find((k) => k.terrane_purpose === "attestation")!.kid;
    const r = await runCli(["verify", write(zip), "--jwks", wrongFile]);
    expect(r.code, r.out).toBe(1);
    expect(r.err).toContain(
      `FAILED: manifest.sig.json: the manifest is signed by ${real}, not by ${wrong.keys[0]!.kid}`,
    );
    expect(r.err).toMatch(/FAILED: audit\/checkpoint\.txt: not signed by terrane\/eu-central-1\+/);
    expect(r.err).toMatch(/FAILED: keys\/attestation\.pem: is not the attestation key/);
    const json = await runCli(["verify", write(zip), "--jwks", wrongFile, "--json"]);
    expect(json.code).toBe(1);
    const out = json.json() as { ok: boolean; error: { code: string; failures: { file: string }[] } };
    expect(out.ok).toBe(false);
    expect(out.error.code).toBe("evidence_failed");
    expect(out.error.failures.map((f) => f.file)).toContain("manifest.sig.json");
  });

  it("names verify.sh when it was changed (the script cannot vouch for itself; its digest is signed)", async () => {
    const r = await verify(
      await tampered((f) => f.set("verify.sh", Buffer.from(`${text("verify.sh")}\necho OK; exit 0\n`, "utf8"))),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/FAILED: verify\.sh: size is \d+ bytes, manifest\.json says \d+/);
  });

  it("names a changed manifest, a changed sample and files added or removed", async () => {
    const manifest = await verify(
      await tampered((f) => f.set("manifest.json", changeOneByte(f.get("manifest.json")!))),
    );
    expect(manifest.code).toBe(1);
    expect(manifest.err).toContain(
      "FAILED: manifest.json: is not the manifest signed in manifest.sig.json: it was changed after signing",
    );

    const samples = JSON.parse(text("samples.json")) as { populations: { lines: number[]; rows: number }[] };
    const drawn = samples.populations.find((p) => p.rows > p.lines.length)!;
    drawn.lines = [...drawn.lines.slice(1), drawn.lines[0]!];
    const sample = await verify(
      await tampered((f) => f.set("samples.json", Buffer.from(`${JSON.stringify(samples)}\n`, "utf8"))),
    );
    expect(sample.code).toBe(1);
    expect(sample.err).toMatch(/FAILED: samples\.json: \w+: lines [\d, ]+ are not the ones the seed draws/);

    const moved = await verify(
      await tampered((f) => {
        f.delete("controls.csv");
        f.set("audit/more.jsonl", Buffer.from("{}\n"));
      }),
    );
    expect(moved.code).toBe(1);
    expect(moved.err).toContain("FAILED: controls.csv: listed in manifest.json but missing from the package");
    expect(moved.err).toContain("FAILED: audit/more.jsonl: in the package but not listed in manifest.json");
  });

  it("a byte flipped inside the ZIP's compressed data names the file that no longer inflates", async () => {
    const entry = readZip(zip).find((e) => e.name === "controls.csv")!;
    const bad = Buffer.from(zip);
    const at = entry.raw.byteOffset - zip.byteOffset + Math.floor(entry.raw.length / 2);
    bad[at] = bad[at]! ^ 0xff;
    const r = await verify(write(bad));
    expect(r.code, r.out).toBe(1);
    expect(r.err).toMatch(/FAILED: controls\.csv: cannot be read from the ZIP: controls\.csv: /);
  });

  it("a ZIP that is not an evidence package, and flags meant for other files, are input errors (exit 2)", async () => {
    const other = await pack(new Map([["hello.txt", Buffer.from("hi\n")]]));
    const r = await verify(write(other));
    expect(r.code).toBe(2);
    expect(r.err).toContain("is a ZIP archive but not an evidence package (no manifest.json)");
    const truncated = await verify(write(zip.subarray(0, zip.length - 30)));
    expect(truncated.code).toBe(2);
    expect(truncated.err).toMatch(/is not a readable ZIP archive: no end-of-central-directory record/);
    const flag = await runCli(["verify", write(zip), "--key", "x"]);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("--key is not used for evidence packages");
  });
});
