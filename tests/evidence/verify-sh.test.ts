/**
 * verify.sh on a real evidence package, under dash (POSIX sh, as Debian's /bin/sh): it passes on
 * the package as downloaded, and one changed byte in any kind of file fails it with exit 1 and a
 * FAILED line naming that file. Skipped where openssl (3.0 or later, for Ed25519) is missing.
 *
 * verify.sh itself is not tampered with here: a changed script can print anything, so it cannot
 * vouch for itself; `terrane verify` catches it (its digest is in the signed manifest).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEvidencePackage, changeOneByte, unpack, writeTree } from "../helpers/evidence-package";
import { useSeededRegion } from "../helpers/seeded-region";

const openssl = spawnSync("openssl", ["version"], { encoding: "utf8" });
const opensslVersion = openssl.status === 0 ? openssl.stdout.trim() : null;
const hasEd25519 = opensslVersion !== null && /^OpenSSL [3-9]\./.test(opensslVersion);
const shell = fs.existsSync("/usr/bin/dash") ? "/usr/bin/dash" : "/bin/sh";
const why =
  opensslVersion === null ? "openssl is not installed" : `${opensslVersion} has no Ed25519 -rawin (needs 3.0+)`;

if (!hasEd25519) console.warn(`skipping verify.sh tests: ${why}`);

describe.skipIf(!hasEd25519)("verify.sh on a real evidence package, on embedded", () => {
  const world = useSeededRegion("embedded", "eu-central-1", { keys: true, decisions: true });
  let files: Map<string, Buffer>;
  let root: string;
  let copies = 0;

  beforeAll(async () => {
    files = await unpack(await buildEvidencePackage(world));
    root = fs.mkdtempSync(path.join(os.tmpdir(), "terrane-verify-sh-"));
  });
  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  /** A fresh unpacked copy, with `change` applied to its files first. */
  function copy(change: (f: Map<string, Buffer>) => void = () => undefined): string {
    const mine = new Map(files);
    change(mine);
    const dir = path.join(root, `copy-${copies++}`);
    writeTree(mine, dir);
    return dir;
  }

  /** Runs verify.sh by its path from elsewhere (it must cd to its own folder). */
  function verifySh(dir: string) {
    const r = spawnSync(shell, [path.join(dir, "verify.sh")], { cwd: os.tmpdir(), encoding: "utf8", timeout: 60_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  }

  const first = (pattern: RegExp, nonEmpty = true) => {
    const names = [...files.keys()].filter((n) => pattern.test(n));
    const name = (nonEmpty ? names.find((n) => files.get(n)!.length > 0) : undefined) ?? names[0];
    if (!name) throw new Error(`the package has no file like ${pattern}`);
    return name;
  };

  it("passes on the package as downloaded, and says what it did not check", () => {
    const r = verifySh(copy());
    expect(r.code, r.out).toBe(0);
    expect(r.out).not.toContain("FAILED");
    expect(r.out).toContain("OK: manifest.json is signed in manifest.sig.json by keys/attestation.pem");
    expect(r.out).toMatch(/OK: \d+ files checked against manifest\.json/);
    expect(r.out).toMatch(/OK: [1-9]\d* attestations signed by keys\/attestation\.pem/);
    expect(r.out).toMatch(/OK: audit\/checkpoint\.txt is signed by terrane\/eu-central-1 \(tree size \d+\)/);
    expect(r.out).toMatch(/OK: audit\/newest-checkpoint\.txt is signed by terrane\/eu-central-1/);
    expect(r.out).toMatch(/OK: [1-9]\d* populations have the row counts manifest\.json gives/);
    expect(r.out).toContain("npx terrane verify");
    expect(r.out).toContain("OK: the evidence package of northwind-eu verified");
    // Every listed file was checked: all but the manifest and its signature.
    const listed = [...files.keys()].filter((n) => n !== "manifest.json" && n !== "manifest.sig.json").length;
    expect(r.out).toContain(`OK: ${listed} files checked`);
  });

  const kinds: [string, () => string][] = [
    ["README.txt", () => "README.txt"],
    ["keys/jwks.json", () => "keys/jwks.json"],
    ["keys/attestation.pem", () => "keys/attestation.pem"],
    ["keys/audit-log.pem", () => "keys/audit-log.pem"],
    ["keys/audit-log.vkey", () => "keys/audit-log.vkey"],
    ["an attestation", () => first(/^attestations\/(?!index\.).+\.intoto\.json$/)],
    ["the attestation index", () => "attestations/index.intoto.json"],
    ["audit/entries.jsonl", () => "audit/entries.jsonl"],
    ["audit/proofs.jsonl", () => "audit/proofs.jsonl"],
    ["audit/checkpoint.txt", () => "audit/checkpoint.txt"],
    ["audit/newest-checkpoint.txt", () => "audit/newest-checkpoint.txt"],
    ["audit/consistency.json", () => "audit/consistency.json"],
    ["custody/*.jsonl", () => first(/^custody\/.+\.jsonl$/)],
    ["decisions/*.jsonl", () => first(/^decisions\/.+\.jsonl$/)],
    ["decisions/sharing-policy.cedar", () => "decisions/sharing-policy.cedar"],
    ["lineage/graph.json", () => "lineage/graph.json"],
    ["support/*.jsonl", () => first(/^support\/.+\.jsonl$/)],
    ["controls.csv", () => "controls.csv"],
    ["samples.json", () => "samples.json"],
    ["manifest.json", () => "manifest.json"],
    ["manifest.sig.json", () => "manifest.sig.json"],
  ];

  it.each(kinds)("one changed byte in %s fails it and names the file", (_kind, pick) => {
    const name = pick();
    expect(files.has(name), name).toBe(true);
    const r = verifySh(copy((f) => f.set(name, changeOneByte(f.get(name)!))));
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(new RegExp(`^FAILED: .*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m"));
    expect(r.out).toMatch(/^FAILED: \d+ problem\(s\):$/m);
  });

  it("names a file that is missing and one the manifest does not list", () => {
    const r = verifySh(
      copy((f) => {
        f.delete("controls.csv");
        f.set("audit/extra.jsonl", Buffer.from("{}\n"));
      }),
    );
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain("FAILED: controls.csv: listed in manifest.json but missing");
    expect(r.out).toContain("FAILED: audit/extra.jsonl: present but not listed in manifest.json");
  });

  it("names a population whose row count is not the manifest's", () => {
    // A line dropped from entries.jsonl: the hash check names it, and so does the row count.
    const name = "audit/entries.jsonl";
    const r = verifySh(
      copy((f) => {
        const text = f.get(name)!.toString("utf8");
        f.set(name, Buffer.from(text.slice(text.indexOf("\n") + 1), "utf8"));
      }),
    );
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(
      /^FAILED: audit\/entries\.jsonl: population audit_entries has \d+ lines, manifest\.json says \d+$/m,
    );
  });
});
