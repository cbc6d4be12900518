import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as startRoute } from "@/app/api/v1/tenants/[tenant]/drills/route";
import { GET as drillRoute } from "@/app/api/v1/tenants/[tenant]/drills/[id]/route";
import { GET as consentGet, POST as consentPost } from "@/app/api/v1/tenants/[tenant]/drill-consent/route";
import { POST as consentRevoke } from "@/app/api/v1/tenants/[tenant]/drill-consent/revoke/route";
import { GET as scheduleGet, POST as schedulePost } from "@/app/api/v1/tenants/[tenant]/drill-schedules/route";
import { DELETE as scheduleDelete } from "@/app/api/v1/tenants/[tenant]/drill-schedules/[kind]/route";
import { GET as regionRoute } from "@/app/api/v1/region/drills/route";
import { startDueDrills } from "@/modules/drills/server/schedules";
import {
  consentState,
  drillList,
  drillView,
  regionDrillsView,
  scheduleList,
  scheduleRemoved,
} from "@/modules/drills/api-schemas";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU } from "../helpers/seeded-region";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { primaryKeyId, tenantId, useKeyWorld } from "../helpers/keys-world";

const SLUG = "northwind-eu";
const DAY = 86_400_000;

describe.each(DATABASE_KINDS)("drill consent, starting and refusals on %s", (kind) => {
  const world = useKeyWorld(kind);
  const auth = (email: string) => bearer(world.token(email));
  const post = (
    handler: Parameters<typeof call>[0],
    path: string,
    email: string,
    body: unknown,
    params: Record<string, string>,
  ) =>
    call(
      handler,
      request(path, {
        method: "POST",
        headers: { ...auth(email), "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      params,
    );
  const get = (handler: Parameters<typeof call>[0], path: string, email: string, params: Record<string, string>) =>
    call(handler, request(path, { headers: auth(email) }), params);
  const start = (email: string, body: unknown) =>
    post(startRoute, `/api/v1/tenants/${SLUG}/drills`, email, body, { tenant: SLUG });
  const drills = () => world.prisma.drill.count({ where: { tenantId: tenantId(SLUG) } });
  const finishRunning = () =>
    world.prisma.drill.updateMany({ where: { state: "running" }, data: { state: "failed", finishedAt: new Date() } });

  beforeAll(async () => {
    await world.prisma.drill.deleteMany({});
  });

  it("refuses a compliance officer without the customer's consent: 403 consent_required, nothing started", async () => {
    const before = await drills();
    await expectProblem(await start(EU.compliance, { kind: "kms_outage" }), 403, "consent_required");
    expect(await drills()).toBe(before);
  });

  it("refuses a bad kind (400) and people who may not start drills (403), nothing started", async () => {
    await expectProblem(await start(EU.northwindAdmin, { kind: "meteor_strike" }), 400, "invalid_body");
    await expectProblem(await start(EU.northwindAdmin, {}), 400, "invalid_body");
    await expectProblem(await start(EU.northwindViewer, { kind: "kms_outage" }), 403, "forbidden");
    await expectProblem(await start(EU.support, { kind: "kms_outage" }), 403, "forbidden");
    expect(await drills()).toBe(0);
  });

  it("only a customer admin gives consent; a compliance officer may then start the consented kinds only", async () => {
    const path = `/api/v1/tenants/${SLUG}/drill-consent`;
    const expires = new Date(Date.now() + 30 * DAY).toISOString();
    await expectProblem(
      await post(consentPost, path, EU.compliance, { kinds: ["kms_outage"], expires_at: expires }, { tenant: SLUG }),
      403,
      "forbidden",
    );
    await expectProblem(
      await post(
        consentPost,
        path,
        EU.northwindAdmin,
        { kinds: ["kms_outage"], expires_at: new Date(Date.now() - DAY).toISOString() },
        { tenant: SLUG },
      ),
      400,
      "expires_in_past",
    );
    await expectProblem(
      await post(consentPost, path, EU.northwindAdmin, { kinds: [], expires_at: expires }, { tenant: SLUG }),
      400,
      "invalid_body",
    );
    const granted = await post(
      consentPost,
      path,
      EU.northwindAdmin,
      { kinds: ["kms_outage"], expires_at: expires },
      { tenant: SLUG },
    );
    expect(granted.status).toBe(201);
    const state = consentState.parse(await (await get(consentGet, path, EU.compliance, { tenant: SLUG })).json());
    expect(state.consent?.kinds).toEqual(["kms_outage"]);
    expect(state.allowed_actions).toEqual([]);

    await expectProblem(await start(EU.compliance, { kind: "key_revocation" }), 403, "consent_required");
    const started = await start(EU.compliance, { kind: "kms_outage" });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const row = await world.prisma.drill.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: "running", kind: "kms_outage", tenantId: tenantId(SLUG) });
    expect(row.consentId).not.toBeNull();
    const audit = await world.prisma.auditEntry.findFirst({
      where: { action: "drill.started", subject: `drill:${id}` },
    });
    expect(audit?.tenantId).toBe(tenantId(SLUG));

    // One at a time per tenant.
    await expectProblem(await start(EU.northwindAdmin, { kind: "key_revocation" }), 409, "drill_running");
    expect(await drills()).toBe(1);

    const one = await get(drillRoute, `/api/v1/tenants/${SLUG}/drills/${id}`, EU.northwindViewer, { tenant: SLUG, id });
    // Every answer is what the API's response schema says.
    expect(drillView.parse(await one.json())).toMatchObject({ id, state: "running", report: null });
    const list = drillList.parse(
      await (await get(listRoute, `/api/v1/tenants/${SLUG}/drills`, EU.northwindAdmin, { tenant: SLUG })).json(),
    );
    expect(list.drills.map((d) => d.id)).toEqual([id]);
    expect(list.allowed_actions).toEqual(["drills.start", "drills.consent.manage"]);
    // Another tenant's id is not found here.
    await expectProblem(
      await get(drillRoute, `/api/v1/tenants/kestrel-eu/drills/${id}`, EU.kestrelAdmin, { tenant: "kestrel-eu", id }),
      404,
      "drill_not_found",
    );
    await finishRunning();

    // Withdrawn: the compliance officer is refused again.
    expect((await post(consentRevoke, `${path}/revoke`, EU.northwindAdmin, {}, { tenant: SLUG })).status).toBe(200);
    await expectProblem(await start(EU.compliance, { kind: "kms_outage" }), 403, "consent_required");
    await expectProblem(
      await post(consentRevoke, `${path}/revoke`, EU.northwindAdmin, {}, { tenant: SLUG }),
      409,
      "no_consent",
    );
  });

  it("refuses a drill while a key operation is under way (a disabled key): 409 key_operation_running", async () => {
    const keyId = await primaryKeyId(world.prisma, SLUG);
    await world.prisma.tenantKey.update({ where: { id: keyId }, data: { state: "disabled" } });
    try {
      const before = await drills();
      await expectProblem(await start(EU.northwindAdmin, { kind: "key_revocation" }), 409, "key_operation_running");
      expect(await drills()).toBe(before);
    } finally {
      await world.prisma.tenantKey.update({ where: { id: keyId }, data: { state: "enabled" } });
    }
    const rotation = await world.prisma.keyRotation.create({
      data: { keyId, tenantId: tenantId(SLUG), fromVersion: 1, toVersion: 2, trigger: "manual", stage: "rewrap" },
    });
    try {
      await expectProblem(await start(EU.northwindAdmin, { kind: "kms_outage" }), 409, "key_operation_running");
    } finally {
      await world.prisma.keyRotation.delete({ where: { id: rotation.id } });
    }
  });

  it("a compliance officer schedules only the kinds the customer's consent covers; a due schedule starts its drill when its author may start it, and records why not otherwise", async () => {
    const path = `/api/v1/tenants/${SLUG}/drill-schedules`;
    const consentPath = `/api/v1/tenants/${SLUG}/drill-consent`;
    await expectProblem(
      await post(schedulePost, path, EU.northwindAdmin, { kind: "kms_outage", every_days: 1 }, { tenant: SLUG }),
      400,
      "invalid_body",
    );
    const officerSets = () =>
      post(schedulePost, path, EU.compliance, { kind: "wrong_region", every_days: 91 }, { tenant: SLUG });
    // No consent: refused, nothing set.
    await expectProblem(await officerSets(), 403, "consent_required");
    expect(await world.prisma.drillSchedule.count()).toBe(0);
    const expires = new Date(Date.now() + 30 * DAY).toISOString();
    const consent = (kinds: string[]) =>
      post(consentPost, consentPath, EU.northwindAdmin, { kinds, expires_at: expires }, { tenant: SLUG });
    // A consent to another kind does not cover it either.
    expect((await consent(["kms_outage"])).status).toBe(201);
    await expectProblem(await officerSets(), 403, "consent_required");
    expect(await world.prisma.drillSchedule.count()).toBe(0);
    expect((await consent(["wrong_region"])).status).toBe(201);
    const byOfficer = await officerSets();
    expect(byOfficer.status).toBe(201);
    // The customer withdraws its consent: the officer's schedule stays, its runs will not start.
    expect((await post(consentRevoke, `${consentPath}/revoke`, EU.northwindAdmin, {}, { tenant: SLUG })).status).toBe(
      200,
    );
    const byAdmin = await post(
      schedulePost,
      path,
      EU.northwindAdmin,
      { kind: "key_revocation", every_days: 91 },
      { tenant: SLUG },
    );
    expect(byAdmin.status).toBe(201);
    await world.prisma.drillSchedule.updateMany({ data: { nextRunAt: new Date(Date.now() - 60_000) } });
    const before = await drills();
    expect(await startDueDrills(world.prisma)).toBe(1);
    expect(await drills()).toBe(before + 1);
    const schedules = await world.prisma.drillSchedule.findMany({ orderBy: { kind: "asc" } });
    expect(schedules.map((s) => [s.kind, s.lastNote])).toEqual([
      ["key_revocation", "Started."],
      ["wrong_region", "Not started: no consent of the customer covers this drill."],
    ]);
    for (const s of schedules) expect(s.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 90 * DAY);
    expect(await world.prisma.auditEntry.count({ where: { action: "drill.schedule_skipped" } })).toBe(1);
    await finishRunning();
  });

  it("the region's drills are for compliance officers only", async () => {
    const ok = await get(regionRoute, "/api/v1/region/drills", EU.compliance, {});
    expect(ok.status).toBe(200);
    const body = regionDrillsView.parse(await ok.json());
    expect(body.drills.length).toBeGreaterThan(0);
    expect(body.schedules).toHaveLength(2);
    await expectProblem(await get(regionRoute, "/api/v1/region/drills", EU.northwindAdmin, {}), 403, "forbidden");
  });

  describe("removing a schedule (DELETE …/drill-schedules/{kind})", () => {
    const schedulesPath = `/api/v1/tenants/${SLUG}/drill-schedules`;
    const remove = (email: string | null, kind: string, slug = SLUG) =>
      call(
        scheduleDelete,
        request(`/api/v1/tenants/${slug}/drill-schedules/${kind}`, {
          method: "DELETE",
          headers: email ? auth(email) : {},
        }),
        { tenant: slug, kind },
      );
    const rows = () =>
      world.prisma.drillSchedule.findMany({
        where: { tenantId: tenantId(SLUG) },
        orderBy: { kind: "asc" },
        select: { id: true, kind: true, everyDays: true, nextRunAt: true, createdById: true },
      });
    const removals = () => world.prisma.auditEntry.count({ where: { action: "drill.schedule_removed" } });

    it("the list says who may change schedules, and whose runs need the customer's consent", async () => {
      const read = async (email: string) =>
        scheduleList.parse(await (await get(scheduleGet, schedulesPath, email, { tenant: SLUG })).json());
      expect(await read(EU.northwindAdmin)).toMatchObject({
        allowed_actions: ["drills.start"],
        runs_need_consent: false,
      });
      expect(await read(EU.compliance)).toMatchObject({ allowed_actions: ["drills.start"], runs_need_consent: true });
      expect(await read(EU.northwindViewer)).toMatchObject({ allowed_actions: [], runs_need_consent: false });
    });

    it("refuses a bad kind (400), an unknown schedule (404), anonymous callers (401) and whoever may not start drills here (403/404), changing nothing", async () => {
      const before = await rows();
      expect(before.map((s) => s.kind)).toEqual(["key_revocation", "wrong_region"]);
      await expectProblem(await remove(EU.northwindAdmin, "meteor_strike"), 400, "invalid_path");
      await expectProblem(await remove(EU.northwindAdmin, "KEY_REVOCATION"), 400, "invalid_path");
      await expectProblem(await remove(EU.northwindAdmin, "kms_outage"), 404, "schedule_not_found");
      // Without the customer's consent the officer is refused before anything is looked up.
      await expectProblem(await remove(EU.compliance, "kms_outage"), 403, "consent_required");
      await expectProblem(await remove(null, "key_revocation"), 401, "unauthenticated");
      for (const who of [EU.northwindViewer, EU.northwindAuditor, EU.support, EU.providerAdmin])
        await expectProblem(await remove(who, "key_revocation"), 403, "forbidden");
      // Another tenant's admin: as if the tenant did not exist.
      await expectProblem(await remove(EU.kestrelAdmin, "key_revocation"), 404, "tenant_not_found");
      // Another tenant's schedule is not reachable through one's own tenant.
      await expectProblem(await remove(EU.kestrelAdmin, "key_revocation", "kestrel-eu"), 404, "schedule_not_found");
      expect(await rows()).toEqual(before);
      expect(await removals()).toBe(0);
    });

    it("its audit entry is in the delete's transaction: an audit entry that cannot be written leaves the schedule", async () => {
      const before = await rows();
      await world.prisma.$executeRawUnsafe(`
        CREATE FUNCTION test_refuse_schedule_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.action = 'drill.schedule_removed' THEN RAISE EXCEPTION 'refused by the test'; END IF;
          RETURN NEW;
        END $$`);
      await world.prisma.$executeRawUnsafe(`
        CREATE TRIGGER test_refuse_schedule_removed BEFORE INSERT ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION test_refuse_schedule_removed()`);
      try {
        await expectProblem(await remove(EU.northwindAdmin, "key_revocation"), 500, "internal_error");
      } finally {
        await world.prisma.$executeRawUnsafe("DROP TRIGGER test_refuse_schedule_removed ON audit_entries");
        await world.prisma.$executeRawUnsafe("DROP FUNCTION test_refuse_schedule_removed()");
      }
      expect(await rows()).toEqual(before);
      expect(await removals()).toBe(0);
    });

    it("a customer admin removes schedules, a compliance officer only under the customer's consent: 200, the row gone, audited", async () => {
      const now = new Date();
      const consent = await world.prisma.drillConsent.findFirst({
        where: { tenantId: tenantId(SLUG), revokedAt: null, expiresAt: { gt: now } },
      });
      expect(consent).toBeNull();
      const [keyRevocation, wrongRegion] = await rows();
      // Without consent an officer cannot undo a schedule, not even their own.
      await expectProblem(await remove(EU.compliance, "wrong_region"), 403, "consent_required");
      expect(await rows()).toHaveLength(2);
      expect(await removals()).toBe(0);

      const byAdmin = await remove(EU.northwindAdmin, "key_revocation");
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.headers.get("cache-control")).toBe("no-store");
      expect(scheduleRemoved.parse(await byAdmin.json())).toEqual({ removed: true, kind: "key_revocation" });
      expect((await rows()).map((s) => s.kind)).toEqual(["wrong_region"]);
      const audit = await world.prisma.auditEntry.findFirstOrThrow({
        where: { action: "drill.schedule_removed", subject: `drill_schedule:${keyRevocation!.id}` },
      });
      expect(audit).toMatchObject({
        tenantId: tenantId(SLUG),
        outcome: "success",
        actorId: await world.userId(EU.northwindAdmin),
      });
      // What stopped, and (called with a token) which token acted.
      expect(audit.details).toEqual({
        kind: "key_revocation",
        every_days: keyRevocation!.everyDays,
        next_run_at: keyRevocation!.nextRunAt.toISOString(),
        token_id: expect.any(String),
      });
      // Gone: a second removal is 404, and the drills it started keep their schedule id and reports.
      await expectProblem(await remove(EU.northwindAdmin, "key_revocation"), 404, "schedule_not_found");
      expect(await world.prisma.drill.count({ where: { scheduleId: keyRevocation!.id } })).toBe(1);

      const consentPath = `/api/v1/tenants/${SLUG}/drill-consent`;
      const expires = new Date(Date.now() + 30 * DAY).toISOString();
      expect(
        (
          await post(
            consentPost,
            consentPath,
            EU.northwindAdmin,
            { kinds: ["wrong_region"], expires_at: expires },
            { tenant: SLUG },
          )
        ).status,
      ).toBe(201);
      const byOfficer = await remove(EU.compliance, "wrong_region");
      expect(byOfficer.status).toBe(200);
      expect(scheduleRemoved.parse(await byOfficer.json())).toEqual({ removed: true, kind: "wrong_region" });
      expect(await rows()).toEqual([]);
      expect(
        await world.prisma.auditEntry.count({
          where: { action: "drill.schedule_removed", subject: `drill_schedule:${wrongRegion!.id}` },
        }),
      ).toBe(1);
      expect(await removals()).toBe(2);
      // The sweep has nothing left to start.
      await world.prisma.drillSchedule.updateMany({ data: { nextRunAt: new Date(Date.now() - 60_000) } });
      expect(await startDueDrills(world.prisma)).toBe(0);
    });
  });
});
