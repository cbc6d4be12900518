import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { TENANTS } from "../../prisma/seed/world";
import { findSoftHsmModule, initSoftHsmToken, SoftHsmUtilMissing, writeSoftHsmConfig } from "./softhsm";

/**
 * The demo's national HSM. The sovereign tier promises keys in a national HSM, so each region that
 * homes a sovereign-tier tenant (me-central-1: northwind-gcc) gets its own SoftHSM2 token when the
 * world is seeded, and that region's key custody puts the sovereign tier in it (PKCS#11).
 *
 * Everything lives in `<dataDir>/hsm/<region>/` (the demo's `.data/`, an e2e run's temporary
 * directory): SoftHSM2's config and token files, and `token.json` (mode 0600) with the token's
 * label and user PIN. Both PINs are generated when the token is made; the SO PIN is not kept
 * (nothing re-initialises the token: `npm run demo -- --reset` makes a new one). Nothing of it
 * is in the repository.
 *
 * Where SoftHSM2 is not installed the keys go to the software KMS, `fallback.json` says why, the
 * demo says so at every start (`demoHsmStatus`), and the keys page names the software KMS.
 */

/** The custody of a region with the demo's national HSM: the sovereign tier in the token. */
export const DEMO_HSM_CUSTODY = {
  tiers: { sovereign: { provider: "pkcs11", keyRef: "national-hsm/{tenant}" } },
} as const;

/** The variables an instance of the region needs for its national HSM (platform/env.ts reads the last four). */
export const DEMO_HSM_VARS = [
  "SOFTHSM2_CONF",
  "KEY_CUSTODY_JSON",
  "PKCS11_MODULE",
  "PKCS11_TOKEN_LABEL",
  "PKCS11_PIN",
] as const;

export interface DemoHsmToken {
  region: string;
  /** SoftHSM2's PKCS#11 module, libsofthsm2.so. */
  module: string;
  /** SoftHSM2's config (SOFTHSM2_CONF), naming the token directory beside it. */
  conf: string;
  tokenLabel: string;
  /** The user PIN, generated when the token was made. */
  pin: string;
  /** The sovereign-tier tenants whose keys it holds. */
  tenants: string[];
}

export type DemoHsmSetup =
  | { status: "hsm"; token: DemoHsmToken }
  | { status: "fallback"; region: string; tenants: string[]; reason: string }
  | { status: "none" };

const hsmDir = (dataDir: string, region: string) => path.join(dataDir, "hsm", region);
const tokenFile = (dataDir: string, region: string) => path.join(hsmDir(dataDir, region), "token.json");
const fallbackFile = (dataDir: string, region: string) => path.join(hsmDir(dataDir, region), "fallback.json");

/** The demo world's sovereign-tier tenants homed in `region`. */
export function sovereignTenants(region: string): string[] {
  return TENANTS.filter((t) => t.homeRegion === region && t.tier === "sovereign").map((t) => t.slug);
}

/**
 * Makes the region's national HSM afresh (whatever an earlier seeding left is removed): a new
 * SoftHSM2 token with new PINs, or, where SoftHSM2 is missing or `enabled` is false, the record
 * of the fallback. A region homing no sovereign-tier tenant gets neither.
 */
export function setUpDemoHsm(dataDir: string, region: string, options: { enabled?: boolean } = {}): DemoHsmSetup {
  const tenants = sovereignTenants(region);
  const dir = hsmDir(dataDir, region);
  rmSync(dir, { recursive: true, force: true });
  if (tenants.length === 0) return { status: "none" };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fallback = (reason: string): DemoHsmSetup => {
    writeFileSync(fallbackFile(dataDir, region), `${JSON.stringify({ region, tenants, reason }, null, 2)}\n`);
    return { status: "fallback", region, tenants, reason };
  };
  if (options.enabled === false) return fallback("the national HSM was turned off for this run");
  const module = findSoftHsmModule();
  if (!module) return fallback("SoftHSM2 is not installed (its PKCS#11 module libsofthsm2.so was not found)");
  const conf = writeSoftHsmConfig(dir);
  const token: DemoHsmToken = {
    region,
    module,
    conf,
    tokenLabel: `terrane-demo-${region}`.slice(0, 32),
    pin: randomBytes(8).toString("hex"),
    tenants,
  };
  try {
    initSoftHsmToken(conf, { label: token.tokenLabel, pin: token.pin, soPin: randomBytes(8).toString("hex") });
  } catch (error) {
    if (error instanceof SoftHsmUtilMissing) return fallback("SoftHSM2 is not installed (softhsm2-util was not found)");
    throw error;
  }
  writeFileSync(tokenFile(dataDir, region), `${JSON.stringify(token, null, 2)}\n`, { mode: 0o600 });
  return { status: "hsm", token };
}

/** The region's token as seeding made it, or null (no sovereign tenant, or the fallback). */
export function demoHsmToken(dataDir: string, region: string): DemoHsmToken | null {
  const file = tokenFile(dataDir, region);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoHsmToken) : null;
}

/** What an instance of the token's region (or the seeding acting as it) needs in its environment. */
export function demoHsmEnv(token: DemoHsmToken): Record<(typeof DEMO_HSM_VARS)[number], string> {
  return {
    SOFTHSM2_CONF: token.conf,
    KEY_CUSTODY_JSON: JSON.stringify(DEMO_HSM_CUSTODY),
    PKCS11_MODULE: token.module,
    PKCS11_TOKEN_LABEL: token.tokenLabel,
    PKCS11_PIN: token.pin,
  };
}

/** The environment of an instance of `region` on this data directory: its national HSM's, or nothing. */
export function demoHsmEnvFor(dataDir: string, region: string): Record<string, string> {
  const token = demoHsmToken(dataDir, region);
  return token ? demoHsmEnv(token) : {};
}

/**
 * The line the demo prints at start for `region`: where its sovereign tenants' keys are, and
 * plainly when that is not a national HSM. Null for a region homing none.
 */
export function demoHsmStatus(dataDir: string, region: string): string | null {
  const token = demoHsmToken(dataDir, region);
  if (token) {
    // The demo's .data/hsm/… as it is typed; another directory (an e2e run's) in full.
    const relative = path.relative(process.cwd(), hsmDir(dataDir, region));
    const where = relative && !relative.startsWith("..") ? relative : hsmDir(dataDir, region);
    if (!existsSync(token.module))
      return `${region}: WARNING: the keys of ${token.tenants.join(", ")} are in a SoftHSM2 token, but SoftHSM2 (${token.module}) is gone: their data cannot be decrypted. Install softhsm2 again, or run \`npm run demo -- --reset\`.`;
    return `${region}: national HSM: the keys of ${token.tenants.join(", ")} (sovereign tier) are held in the SoftHSM2 token "${token.tokenLabel}" through PKCS#11 (${where}).`;
  }
  const file = fallbackFile(dataDir, region);
  const recorded = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { tenants: string[]; reason: string })
    : null;
  // Seeded before the demo had a national HSM: its sovereign tenants' keys are in the software KMS.
  const tenants = recorded?.tenants ?? sovereignTenants(region);
  if (tenants.length === 0) return null;
  const reason = recorded?.reason ?? "this demo was seeded before it had a national HSM";
  return `${region}: FALLBACK: ${reason}, so the keys of ${tenants.join(", ")} (sovereign tier, which promises a national HSM) are held in the software KMS, not in an HSM; their Keys page says so. Install Debian's softhsm2 and run \`npm run demo -- --reset\` to hold them in a PKCS#11 token.`;
}
