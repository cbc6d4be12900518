/**
 * The real thing: `node bin/terrane.mjs …` as a child process, on files in a temp dir, and
 * `audit verify` against region instances served by node:http on 127.0.0.1.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leafHash } from "@/modules/audit/domain/hash";
import { FakeRegion, RegionLog, listen, logKeyPair } from "./fixtures";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin", "terrane.mjs");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "terrane-cli-proc-"));

function terrane(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    // HOME points into the temp dir, so the default state file never touches the real one.
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, HOME: dir, NO_COLOR: "1" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

const write = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const me = new FakeRegion(new RegionLog("me-central-1").grow(2));
const euLog = new RegionLog("eu-central-1", logKeyPair("eu-central-1"), [me.witness]).grow(2500);
const eu = new FakeRegion(euLog);
eu.peers = [me];
me.peers = [eu];
const servers: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  servers.push(await listen(eu), await listen(me));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("node bin/terrane.mjs", () => {
  it("--help, and no arguments", async () => {
    const help = await terrane(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("terrane verify <file.tlog-proof>");
    expect((await terrane([])).code).toBe(2);
  });

  it("verify: a good proof is exit 0, a tampered one exit 1, an unsupported file exit 2", async () => {
    const proof = await euLog.proof(1234);
    const good = write("good.tlog-proof", proof);
    const keyFile = write("eu.vkey", `${euLog.key.vkey}\n`);
    const ok = await terrane(["verify", good, "--key", keyFile, "--witness-key", me.witness.vkey]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^verified: entry 1234 is in terrane\/eu-central-1 \(tree size 2500\)/);

    const lines = proof.split("\n");
    lines[2] = "index 1235";
    const bad = await terrane(["verify", write("bad.tlog-proof", lines.join("\n")), "--key", euLog.key.vkey, "--json"]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false, exit_code: 1, error: { code: "inclusion_failed" } });

    const other = await terrane([
      "verify",
      write("package.zip", Buffer.from("PK\u0003\u0004 zip")),
      "--key",
      euLog.key.vkey,
    ]);
    expect(other.code).toBe(2);
    expect(other.err).toContain("is not a readable ZIP archive");
    const unknown = await terrane(["verify", write("notes.txt", "hello\n"), "--key", euLog.key.vkey]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unsupported file type");
  });

  it("audit verify over HTTP: exit 0 on the honest log, 1 once a leaf is changed", async () => {
    const state = path.join(dir, "state.json");
    const ok = await terrane(["audit", "verify", "--url", eu.url, "--state", state]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain("verified: terrane/eu-central-1, 2500 entries");
    expect(ok.out).toMatch(/witnesses: 1 of 1 cosigned/);
    expect(JSON.parse(fs.readFileSync(state, "utf8")).logs["terrane/eu-central-1"].checkpoint.size).toBe(2500);

    const saved = eu.servedLeaves[1700]!;
    eu.servedLeaves[1700] = leafHash(Buffer.from("edited"));
    try {
      const bad = await terrane(["audit", "verify", "--url", eu.url, "--state", state]);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain("terrane: integrity broken: entry 1700 was changed");
    } finally {
      eu.servedLeaves[1700] = saved;
    }
  });

  it("audit verify uses ~/.terrane/audit-state.json by default", async () => {
    const r = await terrane(["audit", "verify", "--url", eu.url, "--json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, state_file: path.join(dir, ".terrane", "audit-state.json") });
    expect(fs.existsSync(path.join(dir, ".terrane", "audit-state.json"))).toBe(true);
  });

  it("audit verify against a closed port is exit 3", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await terrane([
      "audit",
      "verify",
      "--url",
      `http://127.0.0.1:${port}`,
      "--state",
      path.join(dir, "s3.json"),
    ]);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`cannot reach http://127.0.0.1:${port}/api/v1/audit/checkpoint: ECONNREFUSED`);
  });
});
