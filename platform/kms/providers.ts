import "server-only";
import { env } from "@/platform/env";
import { LocalKms } from "@/platform/kms/local";
import type { KmsProvider } from "@/platform/kms/provider";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { withOutageSwitch } from "@/platform/kms/outage";

type Holder = { providers: Map<string, Promise<KmsProvider>> };
const g = globalThis as typeof globalThis & { __terraneKms?: Holder };
function holder(): Holder {
  g.__terraneKms ??= { providers: new Map() };
  return g.__terraneKms;
}

/** The KMS provider of this name, opened once per process. */
export function kmsProvider(kind: string): Promise<KmsProvider> {
  const providers = holder().providers;
  let pending = providers.get(kind);
  if (!pending) {
    // Every tenant-key call passes the drills' outage switch (platform/kms/outage.ts) first.
    pending = openProvider(kind).then(withOutageSwitch);
    providers.set(kind, pending);
    pending.catch(() => providers.delete(kind));
  }
  return pending;
}

async function openProvider(kind: string): Promise<KmsProvider> {
  const e = env();
  if (kind === "local") return new LocalKms(e.REGION);
  if (kind === "pkcs11") {
    if (!e.PKCS11_MODULE || !e.PKCS11_TOKEN_LABEL || !e.PKCS11_PIN) {
      throw new KeyUnavailableError(
        "kms_unreachable",
        "The HSM is not configured here (PKCS11_MODULE, PKCS11_TOKEN_LABEL, PKCS11_PIN).",
      );
    }
    const { Pkcs11Kms } = await import("@/platform/kms/pkcs11");
    return new Pkcs11Kms({
      module: e.PKCS11_MODULE,
      tokenLabel: e.PKCS11_TOKEN_LABEL,
      pin: e.PKCS11_PIN,
      region: e.REGION,
    });
  }
  throw new KeyUnavailableError("kms_unreachable", `No KMS provider called "${kind}" is known here.`);
}

/** For tests: forget opened providers (closing those that hold sessions). */
export async function closeKmsProviders(): Promise<void> {
  const providers = [...holder().providers.values()];
  holder().providers.clear();
  for (const p of providers) await (await p.catch(() => undefined))?.close?.();
}
