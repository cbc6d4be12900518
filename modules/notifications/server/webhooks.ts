import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient } from "@/platform/db/transaction";
import { env } from "@/platform/env";
import { BadRequestError, NotFoundError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { SUBSCRIBABLE_EVENTS } from "@/modules/notifications/domain/events";
import { checkWebhookUrl } from "@/modules/notifications/domain/webhook-url";
import type { CreateWebhookInput, DeliveryList, WebhookList, WebhookView } from "@/modules/notifications/api-schemas";
import { newMessageId, webhookPayload } from "@/modules/notifications/server/notify";
import { newWebhookSecret, sealWebhookSecret } from "@/modules/notifications/server/secret";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ENDPOINTS = 20;
const DELIVERY_LIMIT = 50;

const SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  createdAt: true,
  createdById: true,
  disabledAt: true,
  disabledReason: true,
  consecutiveFailures: true,
  failingSince: true,
} as const;

type Row = {
  id: string;
  url: string;
  description: string;
  events: string[];
  createdAt: Date;
  createdById: string;
  disabledAt: Date | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  failingSince: Date | null;
};

/** Plain http to this machine: outside production, or where the operator allowed it. */
export function allowLocalHttp(): boolean {
  const e = env();
  return e.NODE_ENV !== "production" || e.WEBHOOKS_ALLOW_HTTP_LOCALHOST;
}

async function views(db: PrismaClient, rows: Row[]): Promise<WebhookView[]> {
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    description: r.description,
    events: r.events,
    state: r.disabledAt ? "disabled" : "enabled",
    created_at: r.createdAt.toISOString(),
    created_by: names.get(r.createdById) ?? null,
    disabled_at: r.disabledAt?.toISOString() ?? null,
    disabled_reason: r.disabledReason,
    consecutive_failures: r.consecutiveFailures,
    failing_since: r.failingSince?.toISOString() ?? null,
  }));
}

/** The endpoint of this tenant (never looked up by id alone). */
async function endpointOf(scope: TenantScope, id: string): Promise<Row> {
  if (!UUID.test(id)) throw new NotFoundError("No such webhook endpoint.", "webhook_not_found");
  const row = await scope.db.webhookEndpoint.findFirst({ where: { id, tenantId: scope.tenant.id }, select: SELECT });
  if (!row) throw new NotFoundError("No such webhook endpoint.", "webhook_not_found");
  return row;
}

export async function listWebhooks(actor: Actor, slug: string, origin: RequestOrigin): Promise<WebhookList> {
  return withTenant(actor, slug, "webhooks.read", origin, async (scope) => {
    const rows = await scope.db.webhookEndpoint.findMany({
      where: { tenantId: scope.tenant.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: SELECT,
    });
    return {
      webhooks: await views(scope.db, rows),
      events: SUBSCRIBABLE_EVENTS.map((e) => ({ event: e.event, label: e.label })),
      allowed_actions: scope.allowed(["webhooks.read", "webhooks.manage"] as const),
    };
  });
}

/** Adds an endpoint with a new signing secret, returned here once and stored only sealed. */
export async function createWebhook(
  actor: Actor,
  slug: string,
  input: CreateWebhookInput,
  origin: RequestOrigin,
): Promise<{ webhook: WebhookView; secret: string }> {
  return withTenant(actor, slug, "webhooks.manage", origin, async (scope) => {
    const checked = checkWebhookUrl(input.url, { allowLocalHttp: allowLocalHttp() });
    if (!checked.ok)
      throw new BadRequestError(checked.reason, "webhook_url_refused", {
        errors: [{ path: "url", message: checked.reason }],
      });
    const count = await scope.db.webhookEndpoint.count({ where: { tenantId: scope.tenant.id } });
    if (count >= MAX_ENDPOINTS)
      throw new BadRequestError(
        `A tenant has at most ${MAX_ENDPOINTS} webhook endpoints; remove one you no longer use first.`,
        "too_many_webhooks",
      );
    const id = crypto.randomUUID();
    const secret = newWebhookSecret();
    const row = await scope.db.$transaction(async (tx) => {
      const created = await tx.webhookEndpoint.create({
        data: {
          id,
          tenantId: scope.tenant.id,
          url: checked.url,
          description: input.description,
          events: input.events,
          sealedSecret: sealWebhookSecret(id, secret),
          createdById: scope.actor.userId,
        },
        select: SELECT,
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "webhook.created",
        subject: `webhook:${id}`,
        outcome: "success",
        details: { url: checked.url, events: input.events, description: input.description },
      });
      return created;
    });
    return { webhook: (await views(scope.db, [row]))[0]!, secret };
  });
}

/** Disables or enables an endpoint; doing it again changes nothing and writes nothing. */
export async function setWebhookEnabled(
  actor: Actor,
  slug: string,
  id: string,
  enabled: boolean,
  origin: RequestOrigin,
): Promise<{ webhook: WebhookView }> {
  return withTenant(actor, slug, "webhooks.manage", origin, async (scope) => {
    await endpointOf(scope, id);
    const row = await scope.db.$transaction(async (tx) => {
      const now = await databaseNow(tx);
      const changed = await tx.webhookEndpoint.updateMany({
        where: { id, tenantId: scope.tenant.id, disabledAt: enabled ? { not: null } : null },
        data: enabled
          ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0, failingSince: null }
          : { disabledAt: now, disabledReason: `Disabled by ${scope.actor.name}.` },
      });
      if (changed.count > 0) {
        await appendAudit(tx, {
          actor: scope.actor,
          tenantId: scope.tenant.id,
          action: enabled ? "webhook.enabled" : "webhook.disabled",
          subject: `webhook:${id}`,
          outcome: "success",
        });
      }
      return tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: SELECT });
    });
    return { webhook: (await views(scope.db, [row]))[0]! };
  });
}

/** Queues a `webhook.test` ping to this endpoint (whatever its event filter). */
export async function testWebhook(
  actor: Actor,
  slug: string,
  id: string,
  origin: RequestOrigin,
): Promise<{ message_id: string; delivery_id: string }> {
  return withTenant(actor, slug, "webhooks.manage", origin, async (scope) => {
    const endpoint = await endpointOf(scope, id);
    if (endpoint.disabledAt)
      throw new BadRequestError("The endpoint is disabled: enable it before sending a test.", "webhook_disabled");
    const messageId = newMessageId();
    return scope.db.$transaction(async (tx) => {
      const delivery = await tx.webhookDelivery.create({
        data: {
          endpointId: id,
          tenantId: scope.tenant.id,
          messageId,
          eventType: "webhook.test",
          payload: webhookPayload("webhook.test", await databaseNow(tx), {
            endpoint_id: id,
            tenant: scope.tenant.slug,
            requested_by: scope.actor.name,
            message: "A test ping from Terrane. Verify its signature with your endpoint's secret.",
          }),
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "webhook.test_sent",
        subject: `webhook:${id}`,
        outcome: "success",
        details: { message_id: messageId },
      });
      return { message_id: messageId, delivery_id: delivery.id };
    });
  });
}

/** The endpoint's 50 most recent deliveries, newest first, each with every attempt. */
export async function listDeliveries(
  actor: Actor,
  slug: string,
  id: string,
  origin: RequestOrigin,
): Promise<DeliveryList> {
  return withTenant(actor, slug, "webhooks.read", origin, async (scope) => {
    const endpoint = await endpointOf(scope, id);
    const rows = await scope.db.webhookDelivery.findMany({
      where: { endpointId: id, tenantId: scope.tenant.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DELIVERY_LIMIT,
      select: {
        id: true,
        messageId: true,
        eventType: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastStatusCode: true,
        lastError: true,
        deliveredAt: true,
        createdAt: true,
        attemptLog: {
          orderBy: { attempt: "asc" },
          select: { attempt: true, at: true, statusCode: true, durationMs: true, error: true },
        },
      },
    });
    return {
      webhook: (await views(scope.db, [endpoint]))[0]!,
      deliveries: rows.map((d) => {
        const status = d.status as DeliveryList["deliveries"][number]["status"];
        return {
          id: d.id,
          message_id: d.messageId,
          event_type: d.eventType,
          status,
          attempts: d.attempts,
          next_attempt_at: status === "pending" || status === "failed" ? d.nextAttemptAt.toISOString() : null,
          last_status_code: d.lastStatusCode,
          last_error: d.lastError,
          delivered_at: d.deliveredAt?.toISOString() ?? null,
          created_at: d.createdAt.toISOString(),
          attempt_log: d.attemptLog.map((a) => ({
            attempt: a.attempt,
            at: a.at.toISOString(),
            status_code: a.statusCode,
            duration_ms: a.durationMs,
            error: a.error,
          })),
        };
      }),
    };
  });
}
