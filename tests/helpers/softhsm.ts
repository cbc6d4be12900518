import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  findSoftHsmModule,
  initSoftHsmToken,
  SOFTHSM_MODULE_PATHS,
  SoftHsmUtilMissing,
  writeSoftHsmConfig,
} from "@/scripts/lib/softhsm";

export interface SoftHsmToken {
  /** The PKCS#11 module (libsofthsm2.so). */
  module: string;
  tokenLabel: string;
  /** The user PIN. */
  pin: string;
  dir: string;
  cleanup(): void;
}

/** SoftHSM2's module; tests need the real thing, so its absence is an error, not a skip. */
function softhsmModule(): string {
  const found = findSoftHsmModule();
  if (!found) {
    throw new Error(
      `SoftHSM2's PKCS#11 module was not found (looked in ${SOFTHSM_MODULE_PATHS.join(", ")}). Install Debian's softhsm2: apt-get install -y softhsm2`,
    );
  }
  return found;
}

/**
 * A fresh SoftHSM2 token in a temporary directory, for tests of the pkcs11 KMS provider.
 *
 * SoftHSM reads SOFTHSM2_CONF when the module is initialised (C_Initialize), so this sets it
 * for the whole process: create the token before the first provider call. Tests need the real
 * thing: when softhsm2-util is missing this throws rather than letting the suite skip quietly.
 */
export async function createSoftHsmToken(): Promise<SoftHsmToken> {
  const module = softhsmModule();
  const dir = mkdtempSync(path.join(os.tmpdir(), "terrane-softhsm-"));
  const conf = writeSoftHsmConfig(dir);
  process.env.SOFTHSM2_CONF = conf;

  const tokenLabel = `terrane-test-${randomBytes(4).toString("hex")}`;
  const pin = randomBytes(6).toString("hex");
  const soPin = randomBytes(6).toString("hex");
  try {
    initSoftHsmToken(conf, { label: tokenLabel, pin, soPin });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if (error instanceof SoftHsmUtilMissing) {
      throw new Error(
        "softhsm2-util is not installed. Install Debian's softhsm2 (apt-get install -y softhsm2); CI installs it.",
        { cause: error },
      );
    }
    throw error;
  }

  return { module, tokenLabel, pin, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
