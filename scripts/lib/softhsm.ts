import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * SoftHSM2, the software PKCS#11 token the demo (its national HSM) and the tests (the pkcs11 KMS
 * provider) use: where its module is, a config of one's own, and a token in it.
 */

// Where distributions put SoftHSM2's module: Debian's multiarch path and its compatibility
// link, then the layouts of other distributions and of Homebrew.
export const SOFTHSM_MODULE_PATHS = [
  `/usr/lib/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu/softhsm/libsofthsm2.so`,
  "/usr/lib/softhsm/libsofthsm2.so",
  "/usr/lib64/pkcs11/libsofthsm2.so",
  "/usr/lib/pkcs11/libsofthsm2.so",
  "/usr/local/lib/softhsm/libsofthsm2.so",
  "/opt/homebrew/lib/softhsm/libsofthsm2.so",
];

/** SoftHSM2's PKCS#11 module (libsofthsm2.so), or null when it is not installed. */
export function findSoftHsmModule(): string | null {
  return SOFTHSM_MODULE_PATHS.find((p) => existsSync(p)) ?? null;
}

/**
 * A SoftHSM2 config whose token directory is `dir/tokens` (created, mode 0700); returns its path.
 * SoftHSM reads the config named by SOFTHSM2_CONF when the module is initialised.
 */
export function writeSoftHsmConfig(dir: string): string {
  const tokens = path.join(dir, "tokens");
  mkdirSync(tokens, { recursive: true, mode: 0o700 });
  const conf = path.join(dir, "softhsm2.conf");
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  return conf;
}

/** softhsm2-util is not on PATH. */
export class SoftHsmUtilMissing extends Error {
  constructor(cause: unknown) {
    super("softhsm2-util is not installed. Install Debian's softhsm2 (apt-get install -y softhsm2).", { cause });
  }
}

/** Initialises a new token in the first free slot of the config's token directory. */
export function initSoftHsmToken(conf: string, token: { label: string; pin: string; soPin: string }): void {
  try {
    execFileSync(
      "softhsm2-util",
      ["--init-token", "--free", "--label", token.label, "--so-pin", token.soPin, "--pin", token.pin],
      { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new SoftHsmUtilMissing(error);
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`softhsm2-util --init-token failed${stderr ? `: ${stderr}` : ""}`, { cause: error });
  }
}
