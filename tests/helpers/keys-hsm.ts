import { afterAll, beforeAll } from "vitest";
import { resetKeyCustodyCache } from "@/platform/kms/custody";
import { closeKmsProviders } from "@/platform/kms/providers";
import { resetEnvCache } from "@/platform/env";
import { createSoftHsmToken, type SoftHsmToken } from "./softhsm";

const VARS = ["KEY_CUSTODY_JSON", "PKCS11_MODULE", "PKCS11_TOKEN_LABEL", "PKCS11_PIN"] as const;

/**
 * A fresh SoftHSM2 token for this file, and the key-custody configuration `custody` pointing
 * at it, installed before any suite of the file opens a provider. Register it at the top of the
 * file, before the suites: their seeding provisions keys with whatever custody is set then.
 */
export function useSoftHsmCustody(custody: unknown): { token(): SoftHsmToken } {
  let token: SoftHsmToken | undefined;
  beforeAll(async () => {
    token = await createSoftHsmToken();
    await closeKmsProviders();
    Object.assign(process.env, {
      KEY_CUSTODY_JSON: JSON.stringify(custody),
      PKCS11_MODULE: token.module,
      PKCS11_TOKEN_LABEL: token.tokenLabel,
      PKCS11_PIN: token.pin,
    });
    resetEnvCache();
    resetKeyCustodyCache();
  });
  afterAll(async () => {
    await closeKmsProviders();
    for (const v of VARS) delete process.env[v];
    resetEnvCache();
    resetKeyCustodyCache();
    token?.cleanup();
  });
  return {
    token() {
      if (!token) throw new Error("the SoftHSM token is created in beforeAll");
      return token;
    },
  };
}
