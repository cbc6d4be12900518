import "server-only";
import { enqueueJob } from "@/platform/jobs/enqueue";
import type { QueuedWork } from "@/platform/jobs/workers";
import { prisma } from "@/platform/db/db";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { appendAudit } from "@/modules/audit/server/append";
import { announce } from "@/modules/support/server/announce";

const TIMER = { type: "system" as const, name: "support-timer" };

type Moved = { id: string; tenant_id: string; request_id?: string };
type TimerAction = "support.request_expired" | "support.grant_activated" | "support.grant_ended";

async function tenantsOf(db: Tx, ids: string[]) {
  const rows = await db.tenant.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true } });
  return new Map(rows.map((t) => [t.id, t]));
}

/**
 * Moves every request and grant whose time has come, on the database's clock (`now()` in the
 * statements, so every replica agrees and a replica's clock drift changes nothing). Each move is
 * one conditional UPDATE, so two replicas never move the same row twice; each is audited in the
 * same transaction. Returns how many rows moved.
 */
export async function runSupportTimers(db?: PrismaClient): Promise<number> {
  const client = db ?? (await prisma());
  return client.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<(Moved & { requester_id: string })[]>`
      UPDATE support_requests SET state = 'expired'
      WHERE state = 'pending' AND expires_at <= now() RETURNING id, tenant_id, requester_id`;
    const extensionsLapsed = await tx.$queryRaw<Moved[]>`
      UPDATE support_requests SET state = 'active', extension_expires_at = NULL
      WHERE state = 'extension_requested' AND extension_expires_at <= now() RETURNING id, tenant_id`;
    const ended = await tx.$queryRaw<Moved[]>`
      UPDATE support_requests r SET state = 'ended'
      FROM support_grants g
      WHERE g.request_id = r.id AND r.state IN ('approved', 'active', 'extension_requested')
        AND g.revoked_at IS NULL AND g.expires_at <= now()
      RETURNING g.id, r.tenant_id, r.id AS request_id`;
    const started = await tx.$queryRaw<Moved[]>`
      UPDATE support_requests r SET state = 'active'
      FROM support_grants g
      WHERE g.request_id = r.id AND r.state = 'approved' AND g.revoked_at IS NULL
        AND g.not_before <= now() AND g.expires_at > now()
      RETURNING g.id, r.tenant_id, r.id AS request_id`;
    const expiring = await tx.$queryRaw<(Moved & { requester_id: string; expires_at: Date })[]>`
      UPDATE support_grants SET expiring_notice_at = now()
      WHERE revoked_at IS NULL AND expiring_notice_at IS NULL
        AND expires_at > now() AND expires_at <= now() + interval '1 hour'
        AND created_at <= now() - interval '1 minute'
      RETURNING id, tenant_id, request_id, requester_id, expires_at`;

    const tenants = await tenantsOf(tx, [
      ...new Set([...expired, ...extensionsLapsed, ...ended, ...started, ...expiring].map((m) => m.tenant_id)),
    ]);
    // One entry per move, one after another on the transaction's connection.
    const record = async (
      moved: Moved[],
      action: TimerAction,
      kind: "support_request" | "support_grant",
      extra = {},
    ) => {
      for (const m of moved)
        await appendAudit(tx, {
          actor: TIMER,
          tenantId: m.tenant_id,
          action,
          subject: `${kind}:${m.id}`,
          outcome: "success",
          details: { ...(m.request_id ? { request_id: m.request_id } : {}), ...extra },
        });
    };
    await record(
      expired.map(({ id, tenant_id }) => ({ id, tenant_id })),
      "support.request_expired",
      "support_request",
    );
    await record(extensionsLapsed, "support.request_expired", "support_request", { extension: true });
    await record(started, "support.grant_activated", "support_grant");
    await record(ended, "support.grant_ended", "support_grant");
    for (const m of expired) {
      const tenant = tenants.get(m.tenant_id);
      if (tenant)
        await announce(tx, {
          tenant,
          event: "support_access.request_denied",
          title: `Support access request for ${tenant.name} expired`,
          body: "No decision came within the tenant's request lifetime; ask again if access is still needed.",
          requestId: m.id,
          people: [m.requester_id],
          audiences: [],
          data: { state: "expired" },
        });
    }
    for (const m of expiring) {
      const tenant = tenants.get(m.tenant_id);
      if (!tenant) continue;
      await announce(tx, {
        tenant,
        event: "support_access.grant_expiring",
        title: `Support access to ${tenant.name} ends within the hour`,
        body: `The grant ends at ${m.expires_at.toISOString()}. The requester can ask for an extension, which needs approval again.`,
        requestId: m.request_id ?? m.id,
        people: [m.requester_id],
        audiences: ["customer_admins"],
        data: { grant_id: m.id, expires_at: m.expires_at.toISOString() },
      });
    }
    return expired.length + extensionsLapsed.length + ended.length + started.length + expiring.length;
  });
}

const HOUR_MS = 3_600_000;

/**
 * Queues the sweep for each instant a request or grant will change state (a request's expiry, a
 * grant's start, its expiring-within-the-hour notice and its end), in the transaction that set
 * them. One job per instant, however many rows share it; the sweep decides on `now()` itself.
 */
export async function scheduleSupportTimers(tx: Tx, instants: Date[]): Promise<void> {
  for (const at of new Set(instants.map((i) => i.getTime()))) {
    await enqueueJob(tx, {
      kind: "support.timer",
      payload: { at: new Date(at).toISOString() },
      runAt: new Date(at),
      dedupeKey: `support.timer:${at}`,
    });
  }
}

/** A grant's instants: its start, an hour before its end (the notice), its end. */
export function grantInstants(notBefore: Date, expiresAt: Date): Date[] {
  return [notBefore, new Date(expiresAt.getTime() - HOUR_MS), expiresAt];
}

/** The timers' queued work: each timer when its instant comes, and a sweep every minute as the backstop. */
export function supportJobs(): QueuedWork {
  const sweep = async () => {
    await runSupportTimers();
  };
  return {
    workers: [
      { queue: "support.timer", handler: sweep },
      { queue: "support.timers-sweep", handler: sweep },
    ],
    cron: [{ queue: "support.timers-sweep", cron: "* * * * *" }],
  };
}
