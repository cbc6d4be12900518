import "server-only";
import {
  KeyUnavailableError,
  type CreatedVersion,
  type KeyVersionMaterial,
  type KeyVersionRef,
  type KmsProvider,
} from "@/platform/kms/provider";

/**
 * A KMS outage on purpose, for residency drills (modules/drills): while it lasts, this process's
 * providers refuse every call about the given tenant keys exactly as an unreachable KMS does
 * (`kms_unreachable`), so the drill proves the fail-closed path the real outage takes. Scoped to
 * the keys named, so other tenants keep being served; in this process only (the drill's).
 */
type Holder = { outages: Map<string, number> };
const g = globalThis as typeof globalThis & { __terraneKmsOutage?: Holder };
function holder(): Holder {
  g.__terraneKmsOutage ??= { outages: new Map() };
  return g.__terraneKmsOutage;
}

export const OUTAGE_MESSAGE =
  "The tenant's KMS does not answer (a residency drill's outage), so nothing of it can be decrypted.";

/** Cuts the keys off; the returned function restores them (call it in `finally`). Nestable. */
export function beginKmsOutage(keyIds: readonly string[]): () => void {
  const outages = holder().outages;
  for (const id of keyIds) outages.set(id, (outages.get(id) ?? 0) + 1);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    for (const id of keyIds) {
      const left = (outages.get(id) ?? 1) - 1;
      if (left <= 0) outages.delete(id);
      else outages.set(id, left);
    }
  };
}

export function inKmsOutage(keyId: string): boolean {
  return holder().outages.has(keyId);
}

function refuseDuringOutage(ref: KeyVersionRef): void {
  if (inKmsOutage(ref.keyId)) throw new KeyUnavailableError("kms_unreachable", OUTAGE_MESSAGE);
}

/** The provider as the rest of the code sees it: every tenant-key call passes the outage switch first. */
export function withOutageSwitch(provider: KmsProvider): KmsProvider {
  return {
    kind: provider.kind,
    async createVersion(ref: KeyVersionRef): Promise<CreatedVersion> {
      refuseDuringOutage(ref);
      return provider.createVersion(ref);
    },
    async wrap(version: KeyVersionMaterial, dataKey: Buffer, context: string): Promise<Buffer> {
      refuseDuringOutage(version);
      return provider.wrap(version, dataKey, context);
    },
    async unwrap(version: KeyVersionMaterial, wrapped: Buffer, context: string): Promise<Buffer> {
      refuseDuringOutage(version);
      return provider.unwrap(version, wrapped, context);
    },
    async destroyVersion(version: KeyVersionMaterial): Promise<void> {
      refuseDuringOutage(version);
      return provider.destroyVersion(version);
    },
    wrapRegionSecret: (keyRef, secret, context) => provider.wrapRegionSecret(keyRef, secret, context),
    unwrapRegionSecret: (keyRef, wrapped, context) => provider.unwrapRegionSecret(keyRef, wrapped, context),
    ...(provider.close ? { close: () => provider.close!() } : {}),
    ...(isSuspendable(provider) ? { suspend: () => provider.suspend(), resume: () => provider.resume() } : {}),
  };
}

/**
 * A provider whose connection to its KMS can really be cut (PKCS#11: the session logged out and
 * closed, the module finalised) and opened again.
 */
export interface Suspendable {
  suspend(): Promise<void>;
  resume(): void;
}

export function isSuspendable(provider: KmsProvider): provider is KmsProvider & Suspendable {
  return typeof (provider as Partial<Suspendable>).suspend === "function";
}
