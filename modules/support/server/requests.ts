import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin, type TenantScope } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import { BadRequestError, TerraneError } from "@/platform/errors";
import { appendAudit } from "@/modules/audit/server/append";
import { effectiveDataClasses } from "@/modules/sharing/server/data-classes";
import type { BreakGlassInput, CreateSupportRequestInput } from "@/modules/support/api-schemas";
import {
  BREAK_GLASS_MAX_MINUTES,
  MAX_START_AHEAD_HOURS,
  REASON_LABELS,
  type ReasonCode,
} from "@/modules/support/domain/model";
import { describeScope, durationWords } from "@/modules/support/domain/scope-text";
import { announce } from "@/modules/support/server/announce";
import { missingTransferDecisions } from "@/modules/support/server/location-check";
import { loadSupportPolicy } from "@/modules/support/server/policy-store";
import { loadRequest, tenantStores, type StoreMap } from "@/modules/support/server/store";
import { requestViews, type SupportRequestView } from "@/modules/support/server/views";
import { scheduleSupportTimers } from "@/modules/support/server/timers";

const HOUR = 3_600_000;

/** Refused with a 403 that names what is missing; recorded in the tenant's audit log. */
class RequestRefusedError extends TerraneError {
  constructor(detail: string, code: string, extra: Record<string, unknown> = {}) {
    super(403, code, "Request refused", detail, extra);
  }
}

interface StaffProfile {
  jobTitle: string | null;
  employer: string;
  officeCountry: string;
  locationCountry: string;
}

async function staffProfile(scope: TenantScope): Promise<StaffProfile> {
  const user = await scope.db.user.findUniqueOrThrow({
    where: { id: scope.actor.userId },
    select: { jobTitle: true, employer: true, officeCountry: true, locationCountry: true },
  });
  const missing = [
    !user.employer && "employer",
    !user.officeCountry && "office country",
    !user.locationCountry && "physical location country",
  ].filter(Boolean);
  if (!user.employer || !user.officeCountry || !user.locationCountry)
    throw new BadRequestError(
      `Your staff profile has no ${missing.join(", ")}; every access names them. Ask a provider admin to complete it.`,
      "staff_profile_incomplete",
    );
  return {
    jobTitle: user.jobTitle,
    employer: user.employer,
    officeCountry: user.officeCountry,
    locationCountry: user.locationCountry,
  };
}

interface ScopeInput {
  stores: string[];
  data_classes: string[];
  access: "read" | "read_write";
}

/** The scope's stores must be the tenant's, its classes ones the tenant uses; returns the classes reached. */
async function checkScope(scope: TenantScope, input: ScopeInput, stores: StoreMap): Promise<string[]> {
  const foreign = input.stores.filter((id) => !stores.has(id));
  if (foreign.length > 0)
    throw new BadRequestError(
      `scope.stores: ${foreign.map((s) => JSON.stringify(s)).join(", ")} ${foreign.length === 1 ? "is not a store" : "are not stores"} of ${scope.tenant.slug}.`,
      "unknown_store",
      { stores: foreign },
    );
  const known = new Set((await effectiveDataClasses(scope.db, scope.tenant.id)).map((c) => c.key));
  const unknown = input.data_classes.filter((c) => !known.has(c));
  if (unknown.length > 0)
    throw new BadRequestError(
      `scope.data_classes: ${unknown.join(", ")} ${unknown.length === 1 ? "is not a data class" : "are not data classes"} of ${scope.tenant.slug}.`,
      "unknown_data_class",
      { data_classes: unknown },
    );
  if (input.data_classes.length > 0) return [...new Set(input.data_classes)];
  return [...new Set(input.stores.flatMap((id) => stores.get(id)?.classes ?? []))];
}

/** Writes the refusal to the tenant's log in its own transaction, then throws it. */
async function refuse(scope: TenantScope, err: TerraneError, details: Record<string, unknown>): Promise<never> {
  await scope.db.$transaction(async (tx) => {
    await appendAudit(tx, {
      actor: scope.actor,
      tenantId: scope.tenant.id,
      action: "support.request_refused",
      subject: `tenant:${scope.tenant.id}`,
      outcome: "denied",
      details: { code: err.code, ...JSON.parse(JSON.stringify(details)) },
    });
  });
  throw err;
}

async function prepare(scope: TenantScope, input: CreateSupportRequestInput | BreakGlassInput, breakGlass: boolean) {
  const profile = await staffProfile(scope);
  const policy = await loadSupportPolicy(scope.db, scope.tenant.id);
  const now = await databaseNow(scope.db);
  const stores = await tenantStores(scope.db, scope.tenant.id);
  const scopeIn = {
    stores: [...new Set(input.scope.stores)],
    data_classes: input.scope.data_classes,
    access: input.scope.access,
  };
  let classes: string[];
  try {
    classes = await checkScope(scope, scopeIn, stores);
  } catch (err) {
    if (err instanceof TerraneError) await refuse(scope, err, { scope: scopeIn });
    throw err;
  }
  const start = "start_at" in input && input.start_at ? input.start_at : now;
  if (start.getTime() < now.getTime() - 60_000)
    throw new BadRequestError("start_at: must not be in the past.", "invalid_start");
  if (start.getTime() > now.getTime() + MAX_START_AHEAD_HOURS * HOUR)
    throw new BadRequestError(`start_at: must be within ${MAX_START_AHEAD_HOURS / 24} days.`, "invalid_start");

  if (!breakGlass) {
    if (input.scope.access === "read_write" && !policy.allowReadWrite)
      await refuse(
        scope,
        new RequestRefusedError(
          `${scope.tenant.name}'s support-access policy does not allow read-write access; ask for read access.`,
          "read_write_not_allowed",
        ),
        { reason: input.reason },
      );
    if (input.duration_minutes > policy.maxGrantHours * 60)
      throw new BadRequestError(
        `duration_minutes: ${scope.tenant.name} grants at most ${durationWords(policy.maxGrantHours * 60)}.`,
        "duration_over_policy",
      );
  }
  const missing = await missingTransferDecisions({
    tenantId: scope.tenant.id,
    homeRegion: scope.tenant.homeRegion,
    employer: profile.employer,
    locationCountry: profile.locationCountry,
    dataClasses: classes,
    at: start,
  });
  if (missing.length > 0)
    await refuse(
      scope,
      new RequestRefusedError(
        `Remote access from ${profile.locationCountry} is a transfer, and ${scope.tenant.name}'s sharing decisions do not allow ${missing
          .map((m) => m.data_class)
          .join(", ")} to go to ${missing[0]!.destination}. A decision allowing it is missing.`,
        "transfer_not_allowed",
        { missing },
      ),
      { reason: input.reason, location_country: profile.locationCountry, missing },
    );
  return { profile, policy, now, stores, scopeIn, start };
}

export function createSupportRequest(
  actor: Actor,
  tenantSlug: string,
  input: CreateSupportRequestInput,
  origin: RequestOrigin,
): Promise<SupportRequestView> {
  return withTenant(actor, tenantSlug, "support.request", origin, async (scope) => {
    const { profile, policy, now, stores, scopeIn, start } = await prepare(scope, input, false);
    const autoDenied = policy.deniedReasons.includes(input.reason);
    const id = await scope.db.$transaction(async (tx) => {
      const expiresAt = new Date(now.getTime() + policy.requestLifetimeHours * HOUR);
      if (!autoDenied) await scheduleSupportTimers(tx, [expiresAt]);
      const row = await tx.supportRequest.create({
        data: {
          tenantId: scope.tenant.id,
          requesterId: scope.actor.userId,
          state: autoDenied ? "denied" : "pending",
          reason: input.reason,
          detail: input.detail,
          ticket: input.ticket ?? null,
          access: scopeIn.access,
          storeIds: scopeIn.stores,
          dataClasses: scopeIn.data_classes,
          requestedStart: start,
          durationMinutes: input.duration_minutes,
          ...profile,
          approvalsRequired: policy.approvalsRequired,
          expiresAt,
          ...(autoDenied
            ? {
                decidedAt: now,
                denialReason: `${scope.tenant.name}'s policy denies "${REASON_LABELS[input.reason]}" requests automatically.`,
              }
            : {}),
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "support.request_created",
        subject: `support_request:${row.id}`,
        outcome: "success",
        details: {
          reason: input.reason,
          ticket: input.ticket ?? null,
          scope: scopeIn,
          duration_minutes: input.duration_minutes,
          employer: profile.employer,
          office_country: profile.officeCountry,
          location_country: profile.locationCountry,
        },
      });
      if (autoDenied) {
        await appendAudit(tx, {
          actor: { type: "system", name: "support-policy" },
          tenantId: scope.tenant.id,
          action: "support.request_denied",
          subject: `support_request:${row.id}`,
          outcome: "success",
          details: { round: 0, reason: "denied_reason_code", reason_code: input.reason },
        });
      }
      await announce(tx, {
        tenant: scope.tenant,
        event: autoDenied ? "support_access.request_denied" : "support_access.request_created",
        title: autoDenied
          ? `Support access to ${scope.tenant.name} denied by policy`
          : `Support access to ${scope.tenant.name} requested: approval needed`,
        body: `${scope.actor.name} (${profile.employer}, working from ${profile.locationCountry}) asks for ${describeScope(
          {
            access: scopeIn.access,
            stores: scopeIn.stores.map((s) => ({
              name: stores.get(s)?.name ?? s,
              region: stores.get(s)?.region ?? "",
            })),
            dataClasses: scopeIn.data_classes,
            durationMinutes: input.duration_minutes,
          },
        )} Reason: ${REASON_LABELS[input.reason as ReasonCode]}.`,
        requestId: row.id,
        people: autoDenied ? [scope.actor.userId] : [],
        audiences: autoDenied ? [] : ["customer_admins"],
        data: { state: autoDenied ? "denied" : "pending", reason: input.reason },
      });
      return row.id;
    });
    const [view] = await requestViews(scope.db, scope, [await loadRequest(scope.db, scope.tenant.id, id)]);
    return view!;
  });
}

export function openBreakGlass(
  actor: Actor,
  tenantSlug: string,
  input: BreakGlassInput,
  origin: RequestOrigin,
): Promise<SupportRequestView> {
  return withTenant(actor, tenantSlug, "support.request", origin, async (scope) => {
    const { profile, now, scopeIn } = await prepare(scope, input, true);
    const id = await scope.db.$transaction(async (tx) => {
      const row = await tx.supportRequest.create({
        data: {
          tenantId: scope.tenant.id,
          requesterId: scope.actor.userId,
          state: "pending",
          breakGlass: true,
          reason: input.reason,
          detail: input.detail,
          ticket: input.ticket ?? null,
          access: scopeIn.access,
          storeIds: scopeIn.stores,
          dataClasses: scopeIn.data_classes,
          requestedStart: now,
          durationMinutes: Math.min(input.duration_minutes, BREAK_GLASS_MAX_MINUTES),
          ...profile,
          approvalsRequired: 1,
          // A second provider person must open it within the hour, or the emergency is over.
          expiresAt: new Date(now.getTime() + HOUR),
        },
        select: { id: true, expiresAt: true },
      });
      await scheduleSupportTimers(tx, [row.expiresAt]);
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: "support.break_glass_requested",
        subject: `support_request:${row.id}`,
        outcome: "success",
        details: {
          scope: scopeIn,
          duration_minutes: input.duration_minutes,
          ticket: input.ticket ?? null,
          employer: profile.employer,
          office_country: profile.officeCountry,
          location_country: profile.locationCountry,
        },
      });
      await announce(tx, {
        tenant: scope.tenant,
        event: "support_access.approval_needed",
        title: `Break-glass access to ${scope.tenant.name} needs a second provider person`,
        body: `${scope.actor.name} asks for emergency access to answer a production alert: ${input.detail}`,
        requestId: row.id,
        audiences: ["compliance_officers", "provider_admins"],
        data: { state: "pending", break_glass: true },
      });
      return row.id;
    });
    const [view] = await requestViews(scope.db, scope, [await loadRequest(scope.db, scope.tenant.id, id)]);
    return view!;
  });
}
