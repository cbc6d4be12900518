import "server-only";
import { Webhook } from "standardwebhooks";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { Tx } from "@/platform/db/transaction";
import { env } from "@/platform/env";
import { logger } from "@/platform/log/logger";
import { appendAudit } from "@/modules/audit/server/append";
import { DISABLE_AFTER_FAILING_MS, nextAttemptAfter } from "@/modules/notifications/domain/retry";
import { notify } from "@/modules/notifications/server/notify";
import { recipientsFor } from "@/modules/notifications/server/recipients";
import { openWebhookSecret } from "@/modules/notifications/server/secret";

/** How long one POST may take before it counts as failed. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** At most this many deliveries per endpoint per claim, posted one after another. */
const PER_ENDPOINT = 10;
const CLAIM_LIMIT = 200;
const ANSWER_BYTES = 64 * 1024;

export interface DeliveryOptions {
  /** The moment that decides what is due and when retries fall (default: the database's clock). */
  now?: Date;
  timeoutMs?: number;
}

export interface DeliveryOutcome {
  deliveryId: string;
  endpointId: string;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface Dispatch {
  claimed: number;
  /** Settles when every claimed delivery has been posted and recorded (never rejects). */
  done: Promise<DeliveryOutcome[]>;
}

interface Claimed {
  id: string;
  endpoint_id: string;
  tenant_id: string;
  message_id: string;
  event_type: string;
  payload: { type?: unknown; timestamp?: unknown; data?: unknown };
  attempts: number;
  url: string;
  sealed_secret: Uint8Array;
}

// Endpoints this process is posting to right now: a slow endpoint keeps its own deliveries
// waiting, never anyone else's (the next tick claims around it).
const inFlight = new Set<string>();

/**
 * Claims the deliveries due at `now` (FOR UPDATE SKIP LOCKED, with a lease so other replicas
 * leave them alone) and posts them: endpoints in parallel, each endpoint's deliveries in order.
 * Returns once claimed; `done` settles when they are all recorded. The periodic task does not
 * wait for `done`, so an endpoint that hangs holds up only itself.
 */
export async function dispatchDueWebhooks(options: DeliveryOptions = {}): Promise<Dispatch> {
  const db = await prisma();
  const now = options.now ?? (await databaseNow(db));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const lease = new Date(now.getTime() + PER_ENDPOINT * (timeoutMs + 5_000));
  const busy = [...inFlight];
  const claimed = await db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id, row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.created_at) AS rn
      FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= ${now}
        AND (d.locked_until IS NULL OR d.locked_until < ${now})
        AND e.disabled_at IS NULL AND NOT (d.endpoint_id = ANY(${busy}::text[]))
    ), picked AS (
      SELECT d.id FROM webhook_deliveries d JOIN due ON due.id = d.id
      WHERE due.rn <= ${PER_ENDPOINT} AND d.status IN ('pending', 'failed')
        AND (d.locked_until IS NULL OR d.locked_until < ${now})
      ORDER BY d.next_attempt_at, d.created_at LIMIT ${CLAIM_LIMIT}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries w SET locked_until = ${lease}
    FROM picked, webhook_endpoints e
    WHERE w.id = picked.id AND e.id = w.endpoint_id
    RETURNING w.id, w.endpoint_id, w.tenant_id, w.message_id, w.event_type, w.payload, w.attempts, e.url, e.sealed_secret`;
  const byEndpoint = new Map<string, Claimed[]>();
  for (const d of claimed) byEndpoint.set(d.endpoint_id, [...(byEndpoint.get(d.endpoint_id) ?? []), d]);
  const chains = [...byEndpoint.entries()].map(([endpointId, deliveries]) => {
    inFlight.add(endpointId);
    return postInOrder(deliveries, now, timeoutMs)
      .catch((err: unknown) => {
        logger().error({ err, endpoint: endpointId }, "webhook deliveries failed to record");
        return [] as DeliveryOutcome[];
      })
      .finally(() => inFlight.delete(endpointId));
  });
  return { claimed: claimed.length, done: Promise.all(chains).then((all) => all.flat()) };
}

/** One endpoint's deliveries in order; after a failure the rest wait for the next claim. */
async function postInOrder(deliveries: Claimed[], now: Date, timeoutMs: number): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  for (const [i, d] of deliveries.entries()) {
    const outcome = await post(d, timeoutMs);
    await record(d, outcome, now);
    outcomes.push(outcome);
    if (!outcome.ok) {
      const rest = deliveries.slice(i + 1).map((r) => r.id);
      if (rest.length > 0) {
        const db = await prisma();
        await db.webhookDelivery.updateMany({ where: { id: { in: rest } }, data: { lockedUntil: null } });
      }
      break;
    }
  }
  return outcomes;
}

interface PostResult extends DeliveryOutcome {
  durationMs: number;
}

/** The exact body sent: Standard Webhooks' {type, timestamp, data}, in that order. */
function bodyOf(d: Claimed): string {
  return JSON.stringify({ type: d.payload.type, timestamp: d.payload.timestamp, data: d.payload.data });
}

function describeError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND") return "host not found";
  const message = cause?.message ?? (err instanceof Error ? err.message : "request failed");
  return message.slice(0, 300);
}

async function post(d: Claimed, timeoutMs: number): Promise<PostResult> {
  const started = performance.now();
  const base = { deliveryId: d.id, endpointId: d.endpoint_id };
  try {
    const body = bodyOf(d);
    const sentAt = new Date();
    const signature = new Webhook(openWebhookSecret(d.endpoint_id, d.sealed_secret)).sign(d.message_id, sentAt, body);
    const response = await fetch(d.url, {
      method: "POST",
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": `Terrane-Webhooks/1 (${env().REGION})`,
        "webhook-id": d.message_id,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signature,
      },
    });
    await drain(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ...base,
      ok,
      statusCode: response.status,
      error: ok ? null : `answered ${response.status}`,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    return {
      ...base,
      ok: false,
      statusCode: null,
      error: describeError(err, timeoutMs),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

/** Reads (and drops) at most 64 KiB of the answer, so the connection can be reused. */
async function drain(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let read = 0;
  try {
    while (read < ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } catch {
    // The answer's body does not matter; its status does.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

async function record(d: Claimed, outcome: PostResult, now: Date): Promise<void> {
  const db = await prisma();
  const attempts = d.attempts + 1;
  await db.$transaction(async (tx) => {
    await tx.webhookDeliveryAttempt.create({
      data: {
        deliveryId: d.id,
        attempt: attempts,
        at: now,
        statusCode: outcome.statusCode,
        durationMs: outcome.durationMs,
        error: outcome.error,
      },
      select: { id: true },
    });
    if (outcome.ok) {
      await tx.webhookDelivery.update({
        where: { id: d.id },
        data: {
          status: "delivered",
          attempts,
          deliveredAt: now,
          lastStatusCode: outcome.statusCode,
          lastError: null,
          lockedUntil: null,
        },
        select: { id: true },
      });
      await tx.webhookEndpoint.update({
        where: { id: d.endpoint_id },
        data: { consecutiveFailures: 0, failingSince: null },
        select: { id: true },
      });
      return;
    }
    const gone = outcome.statusCode === 410;
    const next = gone ? null : nextAttemptAfter(attempts, now);
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: {
        status: next ? "failed" : "dead",
        attempts,
        nextAttemptAt: next ?? now,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        lockedUntil: null,
      },
      select: { id: true },
    });
    const [endpoint] = await tx.$queryRaw<{ failing_since: Date }[]>`
      UPDATE webhook_endpoints
      SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, ${now})
      WHERE id = ${d.endpoint_id} RETURNING failing_since`;
    if (next || !endpoint) return;
    if (gone) await autoDisable(tx, d, "The endpoint answered 410 Gone.", endpoint.failing_since, now);
    else if (now.getTime() - endpoint.failing_since.getTime() >= DISABLE_AFTER_FAILING_MS)
      await autoDisable(
        tx,
        d,
        "Every delivery attempt failed for more than 24 hours; a message was given up.",
        endpoint.failing_since,
        now,
      );
  });
}

/** Disables the endpoint (once), records why, and tells the tenant's admins. */
async function autoDisable(tx: Tx, d: Claimed, reason: string, failingSince: Date, now: Date): Promise<void> {
  const changed = await tx.webhookEndpoint.updateMany({
    where: { id: d.endpoint_id, disabledAt: null },
    data: { disabledAt: now, disabledReason: reason },
  });
  if (changed.count === 0) return;
  const tenant = await tx.tenant.findUnique({ where: { id: d.tenant_id }, select: { slug: true } });
  const slug = tenant?.slug ?? d.tenant_id;
  await appendAudit(tx, {
    actor: { type: "system", name: "webhook-delivery" },
    tenantId: d.tenant_id,
    action: "webhook.auto_disabled",
    subject: `webhook:${d.endpoint_id}`,
    outcome: "success",
    details: { url: d.url, reason, failing_since: failingSince.toISOString() },
  });
  await notify(tx, {
    tenantId: d.tenant_id,
    event: "webhook.endpoint_disabled",
    title: `Webhook endpoint disabled for ${slug}`,
    body: `Terrane stopped sending to ${d.url}. ${reason} Check the receiver, then enable the endpoint again under Settings → Webhooks.`,
    link: `/t/${slug}/settings/webhooks`,
    recipients: await recipientsFor(tx, d.tenant_id, ["customer_admins"]),
    data: { endpoint_id: d.endpoint_id, url: d.url, reason, failing_since: failingSince.toISOString() },
  });
}
