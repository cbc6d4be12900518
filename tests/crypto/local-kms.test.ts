import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalKms } from "@/platform/kms/local";
import { resetEnvCache } from "@/platform/env";
import { describeKmsContract, newVersion } from "./kms-contract";
import { setRegionEnv } from "../helpers/env";

let kms: LocalKms;

beforeAll(() => {
  // The sealing key is read (and cached) on first use, so it is set before any test seals.
  setRegionEnv("eu-central-1");
  process.env.REGION_SEALING_KEY = randomBytes(32).toString("base64");
  resetEnvCache();
  kms = new LocalKms("eu-central-1");
});

describeKmsContract("local", () => kms);

describe("local: material sealed in the database", () => {
  it("keeps each version's material sealed, never in the clear", async () => {
    const v = await newVersion(kms);
    expect(v.handle).toBe(`local:${v.versionId}`);
    expect(v.sealedMaterial).toBeInstanceOf(Buffer);
    const dataKey = randomBytes(32);
    const wrapped = await kms.wrap(v, dataKey, "ctx");
    expect((await kms.unwrap(v, wrapped, "ctx")).equals(dataKey)).toBe(true);
  });

  it("binds sealed material to its region: another region cannot use it", async () => {
    const v = await newVersion(kms);
    const wrapped = await kms.wrap(v, randomBytes(32), "ctx");
    const elsewhere = new LocalKms("us-east-1");
    await expect(elsewhere.unwrap(v, wrapped, "ctx")).rejects.toThrow();
    await expect(
      elsewhere.unwrapRegionSecret("k", await kms.wrapRegionSecret("k", randomBytes(32), "c"), "c"),
    ).rejects.toThrow();
  });
});
