import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJsonBytes } from "@/modules/audit/domain/canonical-json";
import { ed25519RawPublicKey } from "@/modules/audit/domain/ed25519";
import { encodeVerifierKey } from "@/modules/audit/domain/keys";
import { SIG_TYPE_ED25519 } from "@/modules/audit/domain/note";
import { main } from "@/cli/main";

function region(name: string) {
  const { privateKey } = generateKeyPairSync("ed25519");
  return { privateKey, vkey: encodeVerifierKey(name, SIG_TYPE_ED25519, ed25519RawPublicKey(privateKey)) };
}

const body = {
  type: "terrane.revocation-receipt/v1",
  id: "r1",
  region: "eu-central-1",
  tenant_id: "t1",
  key_id: "k1",
  disabled_at: "2026-11-22T10:00:00.000Z",
  instances: [{ instance: "i1", failed_at: "2026-11-22T10:00:00.004Z", ms: 4, attempts: 1 }],
  missing: [],
  max_ms: 4,
  complete: true,
  issued_at: "2026-11-22T10:00:00.010Z",
};

function receiptFile(signer: ReturnType<typeof region>, b: object = body): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-receipt-"));
  const file = path.join(dir, "receipt.json");
  const signature = {
    alg: "Ed25519",
    key: signer.vkey,
    value: sign(null, canonicalJsonBytes(b), signer.privateKey).toString("base64"),
  };
  writeFileSync(file, JSON.stringify({ body: b, signature }, null, 2));
  return file;
}

async function run(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s: string) => void (out += s), err: (s: string) => void (err += s) });
  return { code, out, err };
}

describe("terrane verify <revocation receipt>", () => {
  const eu = region("terrane/eu-central-1");

  it("verifies a receipt signed by the region's key and says how long the revocation took", async () => {
    const r = await run(["verify", receiptFile(eu), "--key", eu.vkey]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("revoked everywhere in 0.00 s");
    expect(r.out).toContain("instance i1: decrypt failed at 2026-11-22T10:00:00.004Z (4 ms)");
  });

  it("verifies a receipt naming instances that had died before the disable, and lists them (receipts without the field verify too: above)", async () => {
    const withGone = { ...body, instances_gone: [{ instance: "i0", last_heartbeat_at: "2026-11-22T09:58:41.120Z" }] };
    const r = await run(["verify", receiptFile(eu, withGone), "--key", eu.vkey]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("revoked everywhere in 0.00 s");
    expect(r.out).toContain(
      "instance i0: gone since its last heartbeat at 2026-11-22T09:58:41.120Z, before the disable",
    );
    const file = receiptFile(eu, withGone);
    const doc = JSON.parse(readFileSync(file, "utf8")) as { body: { instances_gone: unknown[] } };
    doc.body.instances_gone = [];
    writeFileSync(file, JSON.stringify(doc));
    expect((await run(["verify", file, "--key", eu.vkey])).code).toBe(1);
  });

  it("refuses an altered receipt (exit 1)", async () => {
    const file = receiptFile(eu);
    const doc = JSON.parse(readFileSync(file, "utf8")) as { body: { max_ms: number } };
    doc.body.max_ms = 1;
    writeFileSync(file, JSON.stringify(doc));
    const r = await run(["verify", file, "--key", eu.vkey, "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: "bad_signature" } });
  });

  it("refuses a receipt signed by another key, even one the receipt names itself (exit 1)", async () => {
    const impostor = region("terrane/eu-central-1");
    const r = await run(["verify", receiptFile(impostor), "--key", eu.vkey, "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: "wrong_key" } });
  });
});
