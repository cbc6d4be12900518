import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptField,
  encryptField,
  fieldAssociatedData,
  fieldDataKeyId,
  FieldCipherError,
  type FieldBinding,
} from "@/modules/keys/domain/field-cipher";
import { referenceGcmTag } from "../helpers/keys-gcm";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 14–16 (AES-256).
const TC14 = {
  key: hex("00".repeat(32)),
  iv: hex("00".repeat(12)),
  aad: Buffer.alloc(0),
  pt: hex("00".repeat(16)),
  ct: hex("cea7403d4d606b6e074ec5d3baf39d18"),
  tag: hex("d0d1c8a799996bf0265b98b5d48ab919"),
};
const K = hex("feffe9928665731c6d6a8f9467308308 feffe9928665731c6d6a8f9467308308");
const IV = hex("cafebabefacedbaddecaf888");
const P16 = hex(`d9313225f88406e5a55909c5aff5269a 86a7a9531534f7da2e4c303d8a318a72
                 1c3c0c95956809532fcf0e2449a6b525 b16aedf5aa0de657ba637b39`);
const C16 = hex(`522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa
                 8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662`);
const TC15 = {
  key: K,
  iv: IV,
  aad: Buffer.alloc(0),
  pt: Buffer.concat([P16, hex("1aafd255")]),
  ct: Buffer.concat([C16, hex("898015ad")]),
  tag: hex("b094dac5d93471bdec1a502270e3cc6c"),
};
const TC16 = {
  key: K,
  iv: IV,
  aad: hex("feedfacedeadbeeffeedfacedeadbeef abaddad2"),
  pt: P16,
  ct: C16,
  tag: hex("76fc6ece0f4e1768cddf8853bb2d551b"),
};

const BINDING: FieldBinding = { tenantId: "tenant-1", table: "tenant_contacts", recordId: "rec-1", field: "email" };
const DEK_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
// The binding, written out by hand: each part as a 16-bit big-endian length and its UTF-8 bytes.
const BINDING_AAD = hex(`0010 74657272616e652d6669656c642f7631  0008 74656e616e742d31
                         000f 74656e616e745f636f6e7461637473  0005 7265632d31  0005 656d61696c`);

describe("AES-256-GCM, the primitive (published vectors)", () => {
  it.each([
    ["14", TC14],
    ["15", TC15],
    ["16", TC16],
  ])("matches McGrew–Viega test case %s", (_, tc) => {
    const c = createCipheriv("aes-256-gcm", tc.key, tc.iv);
    c.setAAD(tc.aad);
    expect(Buffer.concat([c.update(tc.pt), c.final()]).toString("hex")).toBe(tc.ct.toString("hex"));
    expect(c.getAuthTag().toString("hex")).toBe(tc.tag.toString("hex"));
    const d = createDecipheriv("aes-256-gcm", tc.key, tc.iv);
    d.setAAD(tc.aad);
    d.setAuthTag(tc.tag);
    expect(Buffer.concat([d.update(tc.ct), d.final()]).equals(tc.pt)).toBe(true);
  });

  it("the test's reference GHASH reproduces the published tags", () => {
    for (const tc of [TC14, TC15, TC16])
      expect(referenceGcmTag(tc.key, tc.iv, tc.aad, tc.ct).toString("hex")).toBe(tc.tag.toString("hex"));
  });
});

describe("field cipher layout (known answer)", () => {
  const header = Buffer.concat([hex("02"), hex(DEK_ID.replace(/-/g, ""))]);

  it("encodes the binding unambiguously, length-prefixed", () => {
    expect(fieldAssociatedData(BINDING).toString("hex")).toBe(BINDING_AAD.toString("hex"));
  });

  it("is version ‖ DEK id ‖ iv ‖ ciphertext ‖ tag, the tag covering header and binding", () => {
    // The ciphertext of GCM does not depend on the associated data: it is test case 16's.
    const expected = Buffer.concat([
      header,
      IV,
      C16,
      referenceGcmTag(K, IV, Buffer.concat([header, BINDING_AAD]), C16),
    ]);
    const out = encryptField(K, DEK_ID, BINDING, P16, IV);
    expect(out.toString("hex")).toBe(expected.toString("hex"));
    expect(fieldDataKeyId(out)).toBe(DEK_ID);
    expect(decryptField(K, BINDING, expected).equals(P16)).toBe(true);
  });

  it("still reads version 1 fields (binding-only associated data), built from the reference", () => {
    const v1 = Buffer.concat([hex("01"), header.subarray(1), IV, C16, referenceGcmTag(K, IV, BINDING_AAD, C16)]);
    expect(decryptField(K, BINDING, v1).equals(P16)).toBe(true);
    expect(fieldDataKeyId(v1)).toBe(DEK_ID);
  });

  it("draws a fresh IV for every encryption", () => {
    const key = randomBytes(32);
    const a = encryptField(key, DEK_ID, BINDING, Buffer.from("x"));
    const b = encryptField(key, DEK_ID, BINDING, Buffer.from("x"));
    expect(a.subarray(17, 29).equals(b.subarray(17, 29))).toBe(false);
  });
});

describe("field cipher misuse fails closed with FieldCipherError", () => {
  const key = randomBytes(32);
  const dek = randomUUID();
  const sealed = encryptField(key, dek, BINDING, Buffer.from("ingrid@northwind.example"));
  const fails = (binding: FieldBinding, ct: Buffer, k = key) =>
    expect(() => decryptField(k, binding, ct)).toThrow(FieldCipherError);
  const flip = (at: number) => {
    const copy = Buffer.from(sealed);
    copy[at < 0 ? copy.length + at : at]! ^= 0x01;
    return copy;
  };

  it("decrypts under its own binding", () => {
    expect(decryptField(key, BINDING, sealed).toString()).toBe("ingrid@northwind.example");
  });

  it.each([
    ["tenant", { tenantId: "tenant-2" }],
    ["table", { table: "auditor_identities" }],
    ["record", { recordId: "rec-2" }],
    ["field", { field: "name" }],
  ])("refuses another %s", (_, change) => fails({ ...BINDING, ...change }, sealed));

  it("refuses a wrong key", () => fails(BINDING, sealed, randomBytes(32)));
  it("refuses a tampered tag", () => fails(BINDING, flip(-1)));
  it("refuses a tampered ciphertext", () => fails(BINDING, flip(17 + 12)));
  it("refuses a tampered IV", () => fails(BINDING, flip(17)));
  it("refuses a tampered DEK id in the header", () => fails(BINDING, flip(5)));
  it("refuses an unknown version", () => {
    for (const v of [0, 3, 0xff]) {
      const copy = Buffer.from(sealed);
      copy[0] = v;
      fails(BINDING, copy);
      expect(() => fieldDataKeyId(copy)).toThrow(FieldCipherError);
    }
  });
  it("refuses a version 2 field relabelled as version 1", () => {
    const copy = Buffer.from(sealed);
    copy[0] = 1;
    fails(BINDING, copy);
  });
  it("refuses truncated input at every length", () => {
    for (let n = 0; n < sealed.length; n++) fails(BINDING, sealed.subarray(0, n));
  });

  it("keeps bindings apart that a separator-joined encoding would merge", () => {
    const pairs: [Partial<FieldBinding>, Partial<FieldBinding>][] = [
      [
        { tenantId: "a:b", recordId: "c" },
        { tenantId: "a", recordId: "b:c" },
      ],
      [
        { tenantId: "a", table: "bc" },
        { tenantId: "ab", table: "c" },
      ],
      [
        { recordId: "r", field: "" },
        { recordId: "", field: "r" },
      ],
      [
        { table: "t\u0000x", recordId: "y" },
        { table: "t", recordId: "x\u0000y" },
      ],
    ];
    for (const [a, b] of pairs) {
      const ba = { ...BINDING, ...a };
      const bb = { ...BINDING, ...b };
      expect(fieldAssociatedData(ba).equals(fieldAssociatedData(bb))).toBe(false);
      fails(bb, encryptField(key, dek, ba, Buffer.from("secret")));
    }
  });
});
