import "server-only";
import { KeyUnavailableError } from "@/platform/kms/provider";
import { ForbiddenError, NotFoundError } from "@/platform/errors";
import { kmsProvider } from "@/platform/kms/providers";
import { beginKmsOutage, isSuspendable } from "@/platform/kms/outage";
import { dekCache } from "@/modules/keys/server/material";
import { openFields } from "@/modules/keys/server/protected-fields";
import { listTenantContacts } from "@/modules/tenants/server/contacts";
import { decryptUnderKey, DRILL_SERVICE } from "@/modules/drills/server/key-revocation";
import { ensureDrillKey } from "@/modules/drills/server/drill-key";
import { DrillCheckFailed, type DrillContext } from "@/modules/drills/server/context";

const POLL_MS = 25;
const RECOVERY_GIVE_UP_MS = 15_000;

interface Attempt {
  what: string;
  ok: boolean;
  reason?: string;
  plaintext?: string[];
}

/** Every decrypt the drill attempts: each canary of the tenant's stores, and the drill key's data key. */
async function decryptAll(ctx: DrillContext, drillKeyId: string): Promise<Attempt[]> {
  const { db, tenant } = ctx;
  const canaries = await db.storeCanary.findMany({
    where: { tenantId: tenant.id },
    select: { storeId: true, ciphertext: true },
    orderBy: { storeId: "asc" },
  });
  const attempts: Attempt[] = [];
  for (const c of canaries) {
    try {
      const open = await openFields(
        db,
        tenant.id,
        "store_canaries",
        c.storeId,
        { ciphertext: c.ciphertext },
        DRILL_SERVICE,
      );
      attempts.push({ what: `canary:${c.storeId}`, ok: true, plaintext: [open.ciphertext ?? ""] });
    } catch (err) {
      if (!(err instanceof KeyUnavailableError)) throw err;
      attempts.push({ what: `canary:${c.storeId}`, ok: false, reason: err.reason });
    }
  }
  try {
    await decryptUnderKey(db, tenant.id, drillKeyId);
    attempts.push({ what: "drill_key", ok: true });
  } catch (err) {
    if (!(err instanceof KeyUnavailableError)) throw err;
    attempts.push({ what: "drill_key", ok: false, reason: err.reason });
  }
  return attempts;
}

/** The tenant's contact people through the real read path (the API's), as the drill's reader; its answer as served. */
async function servedContacts(
  ctx: DrillContext,
): Promise<{ json: string; available: boolean; plaintext: string[] } | null> {
  if (!ctx.reader) return null;
  const path = `/api/v1/tenants/${ctx.tenant.slug}/contacts`;
  try {
    const answer = await listTenantContacts(ctx.reader, ctx.tenant.slug, { surface: "api", path });
    const plaintext = answer.available ? answer.value.flatMap((c) => [c.name, c.email, c.phone ?? ""]) : [];
    return {
      json: JSON.stringify(answer),
      available: answer.available,
      plaintext: plaintext.filter((p) => p.length > 2),
    };
  } catch (err) {
    // The reader may not read contacts (a refused read serves nothing, which is what matters here).
    if (err instanceof ForbiddenError || err instanceof NotFoundError) return null;
    throw err;
  }
}

/**
 * Cut the tenant's KMS off (every key of the tenant, this process; for PKCS#11 the HSM session
 * really closed), prove that no decrypt succeeds and that the read path serves no plaintext,
 * restore it (always, in `finally`) and measure how long until decrypts succeed again.
 */
export async function kmsOutageDrill(
  ctx: DrillContext,
): Promise<{ passed: boolean; figures: Record<string, unknown> }> {
  const { db, tenant } = ctx;
  const drillKeyId = await ctx.step("drill_key_ready", () => ensureDrillKey(db, tenant));
  const keys = await db.tenantKey.findMany({
    where: { tenantId: tenant.id, state: "enabled" },
    select: { id: true, provider: true },
  });
  const providers = [...new Set(keys.map((k) => k.provider))];
  const before = await ctx.step(
    "decrypts_before",
    async () => {
      const attempts = await decryptAll(ctx, drillKeyId);
      const failed = attempts.filter((a) => !a.ok);
      if (failed.length)
        throw new DrillCheckFailed(`${failed.length} decrypt(s) fail before the outage: nothing to drill`);
      return attempts;
    },
    (a) => `${a.length} decrypt(s) succeed`,
  );
  const baseline = await ctx.step(
    "read_before",
    () => servedContacts(ctx),
    (r) => (r ? `available: ${r.available}` : "no reader"),
  );
  const secrets = [...before.flatMap((a) => a.plaintext ?? []), ...(baseline?.plaintext ?? [])].filter(
    (s) => s.length > 2,
  );

  const restoreWords = `Restart the instance that ran drill ${ctx.drill.id} (its KMS outage switch for ${tenant.slug} is held in that process's memory and ends with it).`;
  let during: Attempt[] | undefined;
  let servedDuring: Awaited<ReturnType<typeof servedContacts>> | undefined;
  const suspended: { resume(): void }[] = [];
  const endOutage = beginKmsOutage(keys.map((k) => k.id));
  ctx.leftToDo.add(restoreWords);
  const outageStarted = Date.now();
  let restoredAt = 0;
  try {
    await ctx.step(
      "kms_cut_off",
      async () => {
        // Cached data keys would spare the KMS its calls; a real outage outlives the cache's TTL.
        for (const k of keys) dekCache().dropKey(k.id);
        for (const kind of providers) {
          const provider = await kmsProvider(kind);
          if (isSuspendable(provider)) {
            await provider.suspend();
            suspended.push(provider);
          }
        }
      },
      () => `${keys.length} key(s) in ${providers.join(", ")}${suspended.length ? "; HSM session closed" : ""}`,
    );
    during = await ctx.step(
      "nothing_decrypts",
      async () => {
        const attempts = await decryptAll(ctx, drillKeyId);
        const opened = attempts.filter((a) => a.ok);
        if (opened.length) throw new DrillCheckFailed(`${opened.length} decrypt(s) SUCCEEDED during the outage`);
        return attempts;
      },
      (a) => `${a.length} decrypt(s) refused: ${[...new Set(a.map((x) => x.reason))].join(", ")}`,
    );
    servedDuring = await ctx.step(
      "no_plaintext_served",
      async () => {
        const served = await servedContacts(ctx);
        if (served) {
          const leaked = secrets.filter((s) => served.json.includes(s));
          if (served.available || leaked.length)
            throw new DrillCheckFailed(`the read path served ${leaked.length} plaintext value(s) during the outage`);
        }
        return served;
      },
      (s) => (s ? "the read path answered with the reason, no plaintext" : "no reader: only decrypts were tried"),
    );
  } finally {
    await ctx.step("kms_restored", async () => {
      for (const p of suspended) p.resume();
      endOutage();
      restoredAt = Date.now();
    });
    ctx.leftToDo.delete(restoreWords);
  }
  const recovery = await ctx.step(
    "decrypts_again",
    async () => {
      let attempts = 0;
      for (;;) {
        attempts++;
        const all = await decryptAll(ctx, drillKeyId);
        if (all.every((a) => a.ok)) return { ms: Date.now() - restoredAt, attempts };
        if (Date.now() - restoredAt > RECOVERY_GIVE_UP_MS)
          throw new DrillCheckFailed(`decrypts still fail ${RECOVERY_GIVE_UP_MS} ms after the KMS was restored`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    (r) => `${r.ms} ms`,
  );
  // Both were set: the try block above either finished or threw past this point.
  const refusedAll = during ?? [];
  const served = servedDuring ?? null;
  const servedAfter = await ctx.step(
    "read_after",
    () => servedContacts(ctx),
    (r) => (r ? `available: ${r.available}` : "no reader"),
  );
  return {
    passed: refusedAll.length > 0 && refusedAll.every((a) => !a.ok) && (served === null || !served.available),
    figures: {
      providers,
      keys: keys.length,
      hsm_session_closed: suspended.length > 0,
      decrypts_refused: refusedAll.length,
      refusal_reasons: [...new Set(refusedAll.map((a) => a.reason))],
      read_path_checked: served !== null,
      read_path_available_during: served?.available ?? null,
      read_path_available_after: servedAfter?.available ?? null,
      outage_ms: restoredAt - outageStarted,
      recovery_ms: recovery.ms,
      recovery_attempts: recovery.attempts,
    },
  };
}
