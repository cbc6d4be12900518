import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ed25519PrivateKeyFromSeed } from "@/modules/audit/domain/ed25519";
import {
  IN_TOTO_PAYLOAD_TYPE,
  preAuthEncoding,
  signEnvelope,
  verifyEnvelope,
  type DsseVerifier,
} from "@/modules/attestations/domain/dsse";

// RFC 8032 §7.1, TEST 1: the Ed25519 key pair everyone can check against.
const SEED = Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex");
const PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const privateKey = ed25519PrivateKeyFromSeed(SEED);
const publicKey = crypto.createPublicKey(privateKey);
const signer = { keyid: "test-kid", sign: (m: Buffer) => crypto.sign(null, m, privateKey) };
const verifier: DsseVerifier = (m, s) => {
  try {
    return crypto.verify(null, m, publicKey, s);
  } catch {
    return false;
  }
};
const verifiers = new Map([["test-kid", verifier]]);

const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-dsse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("DSSE: pre-authentication encoding and envelopes", () => {
  it("encodes exactly as the specification's example", () => {
    // github.com/secure-systems-lab/dsse protocol.md, "Test vectors".
    expect(preAuthEncoding("http://example.com/HelloWorld", Buffer.from("hello world")).toString("utf8")).toBe(
      "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
    );
    // Lengths are in bytes, not characters.
    expect(preAuthEncoding("t", Buffer.from("€", "utf8")).toString("utf8")).toBe("DSSEv1 1 t 3 €");
    expect(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, Buffer.alloc(0)).toString("utf8")).toBe(
      "DSSEv1 28 application/vnd.in-toto+json 0 ",
    );
  });

  it("uses the RFC 8032 test key as given", () => {
    expect(Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex")).toBe(PUBLIC);
  });

  it("signs the PAE, and Debian's openssl verifies the signature over it (as verify.sh will)", async () => {
    const payload = Buffer.from(JSON.stringify({ hello: "auditor" }));
    const envelope = await signEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, signer);
    expect(envelope).toMatchObject({ payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ keyid: "test-kid" }] });
    expect(Buffer.from(envelope.payload, "base64").equals(payload)).toBe(true);
    const pae = path.join(dir, "pae.bin");
    const sig = path.join(dir, "sig.bin");
    const pub = path.join(dir, "pub.pem");
    writeFileSync(pae, preAuthEncoding(envelope.payloadType, payload));
    writeFileSync(sig, Buffer.from(envelope.signatures[0]!.sig, "base64"));
    writeFileSync(pub, publicKey.export({ format: "pem", type: "spki" }));
    const out = execFileSync("openssl", [
      "pkeyutl",
      "-verify",
      "-pubin",
      "-inkey",
      pub,
      "-rawin",
      "-in",
      pae,
      "-sigfile",
      sig,
    ]);
    expect(out.toString()).toContain("Signature Verified Successfully");
    // Over the payload alone (no PAE) the same signature is not valid.
    writeFileSync(pae, payload);
    expect(() =>
      execFileSync("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", pae, "-sigfile", sig], {
        stdio: "pipe",
      }),
    ).toThrow();
  });

  it("verifies a good envelope and names what is wrong with a bad one", async () => {
    const envelope = await signEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from('{"a":1}'), signer);
    expect(verifyEnvelope(envelope, verifiers)).toMatchObject({ ok: true, keyid: "test-kid" });

    const altered = { ...envelope, payload: Buffer.from('{"a":2}').toString("base64") };
    expect(verifyEnvelope(altered, verifiers)).toEqual({
      ok: false,
      reason: "the signature by test-kid does not match the payload",
    });
    // The same bytes claimed as another type: the PAE differs, so the signature fails too.
    expect(
      verifyEnvelope({ ...envelope, payloadType: "application/json" }, verifiers, "application/json"),
    ).toMatchObject({
      ok: false,
    });
    expect(verifyEnvelope({ ...envelope, payloadType: "application/json" }, verifiers)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/payloadType is "application\/json"/),
    });
    const other = { ...envelope, signatures: [{ ...envelope.signatures[0]!, keyid: "someone-else" }] };
    expect(verifyEnvelope(other, verifiers)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/someone-else/),
    });
    const garbage = { ...envelope, signatures: [{ keyid: "test-kid", sig: "AAAA" }] };
    expect(verifyEnvelope(garbage, verifiers).ok).toBe(false);
  });
});
