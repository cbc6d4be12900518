import "server-only";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import type { PrismaClient, Tx } from "@/platform/db/transaction";
import { BadRequestError, ConflictError, ForbiddenError } from "@/platform/errors";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import type {
  NotificationBody,
  RecordBody,
  RegisterView,
  RequestView,
  UpdateBody,
} from "@/modules/lawful-access/api-schemas/register";
import type { ClosingDisposition } from "@/modules/lawful-access/domain/model";
import { prohibitionHolds } from "@/modules/lawful-access/domain/model";
import { auditRequest, notifyTenants } from "@/modules/lawful-access/server/effects";
import { findRequest, requestViews, type RequestRow } from "@/modules/lawful-access/server/views";

/** The notification columns a body's `notification` stands for. */
function notificationColumns(n: NotificationBody) {
  return {
    notifiedAt: n.state === "notified" ? n.notified_at : null,
    prohibitionBasis: n.state === "prohibited" ? n.basis : null,
    prohibitionUntil: n.state === "prohibited" ? (n.until ?? null) : null,
  };
}

/** The tenants named by slug, homed in this region; an unknown one is a 400 naming it. */
async function tenantIds(db: PrismaClient | Tx, region: string, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const found = await db.tenant.findMany({
    where: { slug: { in: [...slugs] }, directory: { homeRegion: region } },
    select: { id: true, slug: true },
  });
  const missing = slugs.filter((s) => !found.some((t) => t.slug === s));
  if (missing.length > 0)
    throw new BadRequestError(
      `No tenant ${missing.join(", ")} is homed in ${region}: a request is recorded in the region that holds the data.`,
      "unknown_tenant",
      { tenants: missing },
    );
  return slugs.map((s) => found.find((t) => t.slug === s)!.id);
}

interface Dates {
  receivedAt: Date;
  responseDueAt: Date | null;
  respondedAt: Date | null;
  notifiedAt: Date | null;
  prohibitionUntil: Date | null;
}

/** Dates that cannot be: received in the future, answered or notified before it came in. */
function checkDates(d: Dates, now: Date): void {
  const bad = (detail: string, code: string) => {
    throw new BadRequestError(detail, code);
  };
  // A minute of slack for the clocks of the browser and the database.
  if (d.receivedAt.getTime() > now.getTime() + 60_000)
    bad("received_at is in the future: record a request once it has been received.", "received_in_future");
  if (d.respondedAt && d.respondedAt < d.receivedAt)
    bad("responded_at is before received_at.", "responded_before_received");
  if (d.respondedAt && d.respondedAt.getTime() > now.getTime() + 60_000)
    bad("responded_at is in the future.", "responded_in_future");
  if (d.responseDueAt && d.responseDueAt < d.receivedAt)
    bad("response_due_at is before received_at.", "due_before_received");
  if (d.notifiedAt && d.notifiedAt.getTime() > now.getTime() + 60_000)
    bad("notified_at is in the future: record the notification once it is sent.", "notified_in_future");
  if (d.prohibitionUntil && d.prohibitionUntil < d.receivedAt)
    bad("The prohibition ends before the request was received.", "prohibition_before_received");
}

/** `GET /api/v1/region/lawful-access-requests`: the register, newest received first. */
export function readRegister(actor: Actor, query: { state?: "open" | "closed" }): Promise<RegisterView> {
  return withRegion(actor, "region.lawful_access.read", async ({ actor, region, allowed }) => {
    const db = await prisma();
    const rows = await db.lawfulAccessRequest.findMany({
      where: {
        region: region.id,
        ...(query.state === "open" ? { closedAt: null } : query.state === "closed" ? { closedAt: { not: null } } : {}),
      },
      orderBy: [{ receivedAt: "desc" }, { id: "asc" }],
    });
    const now = await databaseNow(db);
    const may = allowed(["region.lawful_access.manage"]).length > 0;
    return {
      region: region.id,
      now: now.toISOString(),
      requests: await requestViews(db, actor, rows, now),
      allowed_actions: may ? (["record", "issue_report"] as const).slice() : [],
    };
  });
}

/** `GET …/lawful-access-requests/{id}`. */
export function readRequest(actor: Actor, id: string): Promise<RequestView> {
  return withRegion(actor, "region.lawful_access.read", async ({ actor, region }) => {
    const db = await prisma();
    const row = await findRequest(db, region.id, id);
    const [view] = await requestViews(db, actor, [row], await databaseNow(db));
    return view!;
  });
}

/**
 * `POST /api/v1/region/lawful-access-requests`: records a request. In one transaction: the row,
 * the region log's entry, each affected tenant's entry and their admins' notification — the
 * last two only when no legal prohibition holds (see effects.ts for what each entry says).
 */
export function recordRequest(actor: Actor, body: RecordBody): Promise<RequestView> {
  return withRegion(actor, "region.lawful_access.manage", async ({ actor, region }) => {
    const db = await prisma();
    const row = await db.$transaction(async (tx) => {
      const now = await databaseNow(tx);
      const tenants = await tenantIds(tx, region.id, body.tenants);
      const notification = notificationColumns(body.notification);
      const dates = {
        receivedAt: body.received_at,
        responseDueAt: body.response_due_at ?? null,
        respondedAt: body.responded_at ?? null,
        ...notification,
      };
      checkDates(dates, now);
      const row = await tx.lawfulAccessRequest.create({
        data: {
          region: region.id,
          authority: body.authority,
          jurisdiction: body.jurisdiction,
          legalInstrument: body.legal_instrument,
          kind: body.kind,
          dataClasses: body.data_classes,
          tenantIds: tenants,
          summary: body.summary ?? null,
          ...dates,
          recordedById: actor.userId,
          recordedAt: now,
          updatedAt: now,
        },
      });
      await auditRequest(tx, actor, row, now, { action: "lawful_access.request_recorded" });
      if (!prohibitionHolds(row, now)) await notifyTenants(tx, row, "lawful_access.request_recorded", row.tenantIds);
      return row;
    });
    const [view] = await requestViews(db, actor, [row], await databaseNow(db));
    return view!;
  });
}

/** Locks the request and checks it is still open; a close that got there first is a 409. */
async function lockOpen(tx: Tx, region: string, id: string): Promise<RequestRow> {
  await tx.$queryRaw`SELECT id FROM lawful_access_requests WHERE id = ${id} FOR UPDATE`;
  const row = await findRequest(tx, region, id);
  if (row.closedAt)
    throw new ConflictError(
      `This request was closed (${row.disposition.replace("_", " ")}); a closed request is not changed.`,
      "already_closed",
    );
  return row;
}

/**
 * `PATCH …/{id}`: edits an open request. Every change is in the region's log (with the fields
 * changed). A tenant gets an entry when no prohibition holds after the change; a tenant that
 * could not be told before (a prohibition lifted, a tenant added) also gets the notification now.
 */
export function updateRequest(actor: Actor, id: string, body: UpdateBody): Promise<RequestView> {
  return withRegion(actor, "region.lawful_access.manage", async ({ actor, region }) => {
    const db = await prisma();
    const row = await db.$transaction(async (tx) => {
      const before = await lockOpen(tx, region.id, id);
      const now = await databaseNow(tx);
      const tenants = body.tenants ? await tenantIds(tx, region.id, body.tenants) : before.tenantIds;
      const notification = body.notification ? notificationColumns(body.notification) : null;
      const dates = {
        receivedAt: body.received_at ?? before.receivedAt,
        responseDueAt: body.response_due_at === undefined ? before.responseDueAt : body.response_due_at,
        respondedAt: body.responded_at === undefined ? before.respondedAt : body.responded_at,
        notifiedAt: notification ? notification.notifiedAt : before.notifiedAt,
        prohibitionUntil: notification ? notification.prohibitionUntil : before.prohibitionUntil,
      };
      checkDates(dates, now);
      const data = {
        authority: body.authority ?? before.authority,
        jurisdiction: body.jurisdiction ?? before.jurisdiction,
        legalInstrument: body.legal_instrument ?? before.legalInstrument,
        kind: body.kind ?? before.kind,
        dataClasses: body.data_classes ?? before.dataClasses,
        tenantIds: tenants,
        summary: body.summary === undefined ? before.summary : body.summary,
        prohibitionBasis: notification ? notification.prohibitionBasis : before.prohibitionBasis,
        ...dates,
      };
      const changed = changedFields(before, data);
      if (changed.length === 0)
        throw new BadRequestError("Nothing would change: every field is as recorded.", "no_change");
      const after = await tx.lawfulAccessRequest.update({ where: { id }, data: { ...data, updatedAt: now } });
      await auditRequest(tx, actor, after, now, { action: "lawful_access.request_updated", changed });
      if (!prohibitionHolds(after, now)) {
        // Told already: the tenants that were concerned and not under a prohibition before.
        const toldBefore = prohibitionHolds(before, now) ? [] : before.tenantIds;
        const newlyTold = after.tenantIds.filter((t) => !toldBefore.includes(t));
        await notifyTenants(tx, after, "lawful_access.request_recorded", newlyTold);
      }
      return after;
    });
    const [view] = await requestViews(db, actor, [row], await databaseNow(db));
    return view!;
  });
}

const COLUMN_NAMES: Record<string, string> = {
  authority: "authority",
  jurisdiction: "jurisdiction",
  legalInstrument: "legal_instrument",
  kind: "kind",
  dataClasses: "data_classes",
  tenantIds: "tenants",
  summary: "summary",
  receivedAt: "received_at",
  responseDueAt: "response_due_at",
  respondedAt: "responded_at",
  notifiedAt: "notification",
  prohibitionBasis: "notification",
  prohibitionUntil: "notification",
};

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function changedFields(before: RequestRow, data: Record<string, unknown>): string[] {
  const changed = Object.keys(COLUMN_NAMES)
    .filter((key) => !same(before[key as keyof RequestRow], data[key]))
    .map((key) => COLUMN_NAMES[key]!);
  return [...new Set(changed)];
}

/** Four eyes, asked of the policy with the request's recorder: never your own record. */
function assertMayClose(actor: UserActor, row: RequestRow): void {
  const decision = authorize(policyPrincipal(actor), "region.lawful_access.close", {
    type: "LawfulAccessRequest",
    id: row.id,
    region: row.region,
    recorder: row.recordedById,
  });
  if (!decision.allowed)
    throw new ForbiddenError(
      "You recorded this request: a compliance officer who did not record it closes it (four eyes).",
      "four_eyes",
    );
}

/**
 * `POST …/{id}/close`: a compliance officer who did not record the request closes it with its
 * disposition and a rationale. The region's entry carries the rationale; a tenant's entry only
 * the disposition (the rationale may speak of other customers or of the authority's case).
 */
export function closeRequest(
  actor: Actor,
  id: string,
  body: { disposition: ClosingDisposition; rationale: string },
): Promise<RequestView> {
  return withRegion(actor, "region.lawful_access.close", async ({ actor, region }) => {
    const db = await prisma();
    assertMayClose(actor, await findRequest(db, region.id, id));
    const row = await db.$transaction(async (tx) => {
      const before = await lockOpen(tx, region.id, id);
      const now = await databaseNow(tx);
      const after = await tx.lawfulAccessRequest.update({
        where: { id },
        data: {
          disposition: body.disposition,
          rationale: body.rationale,
          closedById: actor.userId,
          closedAt: now,
          updatedAt: now,
          // Closing answers the request: a response date not yet recorded is the closing date.
          respondedAt: before.respondedAt ?? now,
        },
      });
      await auditRequest(tx, actor, after, now, { action: "lawful_access.request_closed" });
      if (!prohibitionHolds(after, now))
        await notifyTenants(tx, after, "lawful_access.request_closed", after.tenantIds);
      return after;
    });
    const [view] = await requestViews(db, actor, [row], await databaseNow(db));
    return view!;
  });
}
