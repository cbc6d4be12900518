import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { PORTAL_SOURCE } from "@/modules/keys/domain/usage-source";

/**
 * Terrane's own key use (decrypts of the fields it holds, revocation probes), counted in memory
 * per hour and added to the hourly aggregates by a background flush: the hot path never writes.
 * Every row it writes has the source `portal`, apart from what the data plane reports
 * (`data_plane`, usage-ingest.ts), so the keys page can show the portal's own reads as a series
 * of their own.
 */

interface Tally {
  keyId: string;
  tenantId: string;
  hour: Date;
  operation: string;
  service: string;
  count: number;
  failures: number;
}

const g = globalThis as typeof globalThis & { __terraneKeyUse?: Map<string, Tally> };
function tallies(): Map<string, Tally> {
  g.__terraneKeyUse ??= new Map();
  return g.__terraneKeyUse;
}

export function hourOf(at: Date): Date {
  const h = new Date(at);
  h.setUTCMinutes(0, 0, 0);
  return h;
}

export function countKeyUse(
  keyId: string,
  tenantId: string,
  operation: string,
  service: string,
  ok: boolean,
  at = new Date(),
): void {
  const hour = hourOf(at);
  const id = `${keyId}|${hour.toISOString()}|${operation}|${service}`;
  const t = tallies().get(id) ?? { keyId, tenantId, hour, operation, service, count: 0, failures: 0 };
  t.count++;
  if (!ok) t.failures++;
  tallies().set(id, t);
}

/** Adds the counted use to `key_usage_hourly`; what fails to write is kept for the next flush. */
export async function flushKeyUse(db: PrismaClient): Promise<number> {
  const pending = [...tallies().values()];
  tallies().clear();
  let written = 0;
  for (const t of pending) {
    try {
      await db.$executeRaw`
        INSERT INTO key_usage_hourly (key_id, tenant_id, hour, source, operation, service, count, failures)
        VALUES (${t.keyId}, ${t.tenantId}, ${t.hour}, ${PORTAL_SOURCE}, ${t.operation}, ${t.service}, ${t.count}, ${t.failures})
        ON CONFLICT (key_id, hour, source, operation, service) DO UPDATE
          SET count = key_usage_hourly.count + EXCLUDED.count,
              failures = key_usage_hourly.failures + EXCLUDED.failures,
              received_at = CURRENT_TIMESTAMP`;
      written++;
    } catch {
      const id = `${t.keyId}|${t.hour.toISOString()}|${t.operation}|${t.service}`;
      const again = tallies().get(id);
      if (again) {
        again.count += t.count;
        again.failures += t.failures;
      } else tallies().set(id, t);
    }
  }
  return written;
}
