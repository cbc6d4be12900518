import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface SoftHsmToken {
  /** The PKCS#11 module (libsofthsm2.so). */
  module: string;
  tokenLabel: string;
  /** The user PIN. */
  pin: string;
  dir: string;
  cleanup(): void;
}

// Where distributions put SoftHSM2's module: Debian's multiarch path and its compatibility
// link, then the layouts of other distributions and of Homebrew.
const MODULE_PATHS = [
  `/usr/lib/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu/softhsm/libsofthsm2.so`,
  "/usr/lib/softhsm/libsofthsm2.so",
  "/usr/lib64/pkcs11/libsofthsm2.so",
  "/usr/lib/pkcs11/libsofthsm2.so",
  "/usr/local/lib/softhsm/libsofthsm2.so",
  "/opt/homebrew/lib/softhsm/libsofthsm2.so",
];

function softhsmModule(): string {
  const found = MODULE_PATHS.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `SoftHSM2's PKCS#11 module was not found (looked in ${MODULE_PATHS.join(", ")}). Install Debian's softhsm2: apt-get install -y softhsm2`,
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
  const tokens = path.join(dir, "tokens");
  mkdirSync(tokens, { mode: 0o700 });
  const conf = path.join(dir, "softhsm2.conf");
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;

  const tokenLabel = `terrane-test-${randomBytes(4).toString("hex")}`;
  const pin = randomBytes(6).toString("hex");
  const soPin = randomBytes(6).toString("hex");
  try {
    execFileSync("softhsm2-util", ["--init-token", "--free", "--label", tokenLabel, "--so-pin", soPin, "--pin", pin], {
      env: { ...process.env, SOFTHSM2_CONF: conf },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        "softhsm2-util is not installed. Install Debian's softhsm2 (apt-get install -y softhsm2); CI installs it.",
        { cause: error },
      );
    }
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`softhsm2-util --init-token failed${stderr ? `: ${stderr}` : ""}`, { cause: error });
  }

  return { module, tokenLabel, pin, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
