import { randomBytes } from "node:crypto";
import * as graphene from "graphene-pk11";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Pkcs11Kms } from "@/platform/kms/pkcs11";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { describeKmsContract, newVersion } from "./kms-contract";
import { createSoftHsmToken, type SoftHsmToken } from "../helpers/softhsm";

// A real SoftHSM2 token, no mocks: CI installs Debian's softhsm2, and a machine without it
// fails here with the install instruction rather than skipping.
const REGION = "eu-central-1";
let token: SoftHsmToken;
let kms: Pkcs11Kms;
const opened: Pkcs11Kms[] = [];

function provider(overrides: { pin?: string; tokenLabel?: string } = {}): Pkcs11Kms {
  const p = new Pkcs11Kms({
    module: token.module,
    tokenLabel: token.tokenLabel,
    pin: token.pin,
    region: REGION,
    ...overrides,
  });
  opened.push(p);
  return p;
}

/** Every instance closed, so the module is finalised and the next open starts from the token. */
async function closeAll(): Promise<void> {
  await Promise.all(opened.splice(0).map((p) => p.close()));
}

/**
 * The token as another PKCS#11 application sees it. Every provider is closed first (the module
 * is then finalised, so this one may initialise it) and `kms` reopened afterwards.
 */
async function withRawSession(use: (session: graphene.Session) => void): Promise<void> {
  await closeAll();
  try {
    rawSession(use);
  } finally {
    kms = provider();
  }
}

function rawSession(use: (session: graphene.Session) => void): void {
  const module = graphene.Module.load(token.module);
  module.initialize();
  try {
    const slots = module.getSlots(true);
    const slot = Array.from({ length: slots.length }, (_, i) => slots.items(i)).find(
      (s) => s.getToken().label === token.tokenLabel,
    );
    if (!slot) throw new Error("test token not found");
    const session = slot.open(graphene.SessionFlag.SERIAL_SESSION);
    session.login(token.pin, graphene.UserType.USER);
    try {
      use(session);
    } finally {
      session.logout();
      session.close();
    }
  } finally {
    module.finalize();
    module.close();
  }
}

function keysLabelled(session: graphene.Session, label: string): graphene.SecretKey[] {
  const found = session.find({ class: graphene.ObjectClass.SECRET_KEY, label });
  return Array.from({ length: found.length }, (_, i) => found.items(i).toType<graphene.SecretKey>());
}

beforeAll(async () => {
  token = await createSoftHsmToken();
  kms = provider();
});

afterAll(async () => {
  await closeAll();
  token?.cleanup();
});

describeKmsContract("pkcs11 (SoftHSM2)", () => kms);

describe("pkcs11: keys live in the HSM", () => {
  it("labels a version's key after region and version, and keeps nothing in the database", async () => {
    const v = await newVersion(kms);
    expect(v.handle).toBe(`terrane:${REGION}:${v.versionId}`);
    expect(v.sealedMaterial).toBeNull();
  });

  it("creates a version idempotently: a retried create reuses the object", async () => {
    const v = await newVersion(kms);
    const wrapped = await kms.wrap(v, randomBytes(32), "ctx");
    const again = await kms.createVersion(v);
    expect(again).toEqual({ handle: v.handle, sealedMaterial: null });
    expect(await kms.unwrap(v, wrapped, "ctx")).toHaveLength(32);
  });

  it("refuses a handle it did not issue for that version", async () => {
    const v = await newVersion(kms);
    await expect(kms.wrap({ ...v, handle: `terrane:${REGION}:someone-else` }, randomBytes(32), "ctx")).rejects.toThrow(
      /did not issue/,
    );
  });

  it("shares the token between instances: a second one unwraps what the first wrapped", async () => {
    const v = await newVersion(kms);
    const dataKey = randomBytes(32);
    const wrapped = await kms.wrap(v, dataKey, "ctx");
    const region = await kms.wrapRegionSecret("terrane-region/eu-central-1", dataKey, "c");
    const second = provider();
    expect((await second.unwrap(v, wrapped, "ctx")).equals(dataKey)).toBe(true);
    await second.close();
    // The first instance's session and login survive the second one's close.
    expect((await kms.unwrap(v, wrapped, "ctx")).equals(dataKey)).toBe(true);

    // After every session is closed and the module finalised, the keys are still on the token.
    const first = kms;
    await closeAll();
    kms = provider();
    await expect(first.wrap(v, dataKey, "ctx")).rejects.toThrow(/closed/);
    expect((await kms.unwrap(v, wrapped, "ctx")).equals(dataKey)).toBe(true);
    expect((await kms.unwrapRegionSecret("terrane-region/eu-central-1", region, "c")).equals(dataKey)).toBe(true);
  });

  it("makes keys token objects that are sensitive and never extractable", async () => {
    const v = await newVersion(kms);
    await kms.createVersion(v);
    await kms.wrapRegionSecret("terrane-region/extractable-check", randomBytes(32), "c");
    await withRawSession((session) => {
      for (const label of [v.handle, `terrane-region:${REGION}:terrane-region/extractable-check`]) {
        const keys = keysLabelled(session, label);
        expect(keys).toHaveLength(1);
        const [key] = keys as [graphene.SecretKey];
        const attrs = key.getAttribute({
          token: null,
          sensitive: null,
          extractable: null,
          neverExtractable: null,
          alwaysSensitive: null,
          valueLen: null,
        });
        expect(attrs).toEqual({
          token: true,
          sensitive: true,
          extractable: false,
          neverExtractable: true,
          alwaysSensitive: true,
          valueLen: 32,
        });
        expect(() => key.getAttribute("value")).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
      }
      expect(keysLabelled(session, v.handle)[0]?.getAttribute("id")).toEqual(Buffer.from(v.versionId, "utf8"));
    });
  });

  it("destroys the object itself: another application no longer finds it", async () => {
    const v = await newVersion(kms);
    await kms.destroyVersion(v);
    await withRawSession((session) => expect(keysLabelled(session, v.handle)).toHaveLength(0));
    await expect(kms.unwrap(v, randomBytes(60), "ctx")).rejects.toBeInstanceOf(KeyUnavailableError);
  });
});

describe("pkcs11: a session the HSM drops", () => {
  it("is reported as unreachable, never as a destroyed key, and reopened on the next call", async () => {
    const v = await newVersion(kms);
    const dataKey = randomBytes(32);
    const wrapped = await kms.wrap(v, dataKey, "ctx");
    const second = provider();
    await second.wrapRegionSecret("terrane-region/eu-central-1", dataKey, "c");

    // What an HSM restart does to this process: every session on the token closes, and the
    // login goes with them. (The module is already initialised here, so initialize() is a no-op.)
    const module = graphene.Module.load(token.module);
    module.initialize();
    const slots = module.getSlots(true);
    Array.from({ length: slots.length }, (_, i) => slots.items(i))
      .find((s) => s.getToken().label === token.tokenLabel)
      ?.closeAll();
    module.close();

    // One recovers while the other still holds its dead session (and the process's login count).
    for (const p of [kms, second]) {
      const error = await p.unwrap(v, wrapped, "ctx").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KeyUnavailableError);
      expect((error as KeyUnavailableError).reason).toBe("kms_unreachable");
      expect((await p.unwrap(v, wrapped, "ctx")).equals(dataKey)).toBe(true);
    }
  });
});

describe("pkcs11: configuration errors", () => {
  it("names a wrong PIN without repeating it, and recovers with the right one", async () => {
    // No other instance open: C_Login itself checks the PIN.
    await closeAll();
    kms = provider();
    const wrongPin = `wrong-${randomBytes(4).toString("hex")}`;
    const bad = new Pkcs11Kms({ module: token.module, tokenLabel: token.tokenLabel, pin: wrongPin, region: REGION });
    const error = await bad
      .createVersion({ keyRef: "k", keyId: "k", version: 1, versionId: "v" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyUnavailableError);
    expect((error as KeyUnavailableError).reason).toBe("kms_unreachable");
    expect((error as Error).message).toMatch(/CKR_PIN_INCORRECT/);
    expect((error as Error).message).not.toContain(wrongPin);
    expect((error as Error).message).not.toContain(token.pin);

    const v = await newVersion(kms);
    expect(await kms.wrap(v, randomBytes(32), "ctx")).toHaveLength(60);
  });

  it("refuses a different PIN while this process is logged in to the token", async () => {
    const wrongPin = `other-${randomBytes(4).toString("hex")}`;
    const error = await provider({ pin: wrongPin })
      .wrapRegionSecret("k", randomBytes(8), "c")
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/PIN differs/);
    expect((error as Error).message).not.toContain(wrongPin);
  });

  it("names a token that does not exist", async () => {
    await expect(provider({ tokenLabel: "no-such-token" }).wrapRegionSecret("k", randomBytes(8), "c")).rejects.toThrow(
      /no PKCS#11 token labelled "no-such-token"/,
    );
  });
});
