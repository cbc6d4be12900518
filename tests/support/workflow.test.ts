import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, createRemoteJWKSet, generateKeyPair, jwtVerify, decodeProtectedHeader } from "jose";
import { GET as jwksRoute } from "@/app/api/v1/audit/jwks/route";
import { seedIngestToken } from "@/prisma/seed/seed-keys";
import { stableId } from "@/prisma/seed/world";
import { disableKey } from "@/modules/keys/server/lifecycle";
import { runSupportTimers, supportJobs } from "@/modules/support/server/timers";
import { runDueJobs } from "@/platform/jobs/queue";
import { DATABASE_KINDS } from "../helpers/databases";
import { call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { callAccessEvents, callAuthorize, callSupport, requestBody, supportTotals } from "./routes";

const SLUG = "northwind-eu";
const TENANT = stableId("tenant", SLUG);

type Json = Record<string, unknown> & { id: string; state: string };

describe.each(DATABASE_KINDS)("support access, end to end through the routes, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  let ingest: string;
  let jwksServer: Server;
  let jwksUrl: URL;
  const t = (email: string) => world.token(email);

  async function json<T = Json>(response: Response | Promise<Response>, status = 200): Promise<T> {
    const r = await response;
    const text = await r.text();
    expect(r.status, text).toBe(status);
    return JSON.parse(text) as T;
  }

  async function setPolicy(approvals: number, extra: Record<string, unknown> = {}) {
    return json(
      callSupport("put policy", SLUG, {
        token: t(EU.northwindAdmin),
        body: {
          approvals_required: approvals,
          request_lifetime_hours: 12,
          max_grant_hours: 8,
          denied_reasons: [],
          allow_read_write: true,
          ...extra,
        },
      }),
    );
  }

  async function newRequest(over: Record<string, unknown> = {}) {
    return json<Json>(callSupport("create request", SLUG, { token: t(EU.support), body: requestBody(over) }), 201);
  }

  async function grantedRequest() {
    await setPolicy(1);
    const created = await newRequest();
    const approved = await json<Json & { grant: { id: string } }>(
      callSupport("approve", SLUG, { token: t(EU.northwindAdmin), id: created.id }),
    );
    return approved;
  }

  async function tokenFor(grantId: string) {
    return json<{ token: string; expires_at: string; kid: string }>(
      callSupport("token", SLUG, { token: t(EU.support), id: grantId }),
    );
  }

  beforeAll(async () => {
    ingest = await seedIngestToken(world.prisma, "eu-central-1");
    // The JWKS over real HTTP, served by the route handler itself.
    jwksServer = createServer(async (req, res) => {
      const answer = await call(jwksRoute, request(req.url ?? "/"));
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(await answer.text());
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
    jwksUrl = new URL(`http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`);
  });
  afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

  it("a request shows the requester's employer, office and location, and waits for M distinct approvals", async () => {
    await setPolicy(2);
    const created = await newRequest();
    expect(created).toMatchObject({
      state: "pending",
      state_label: "Waiting for approval",
      approvals_required: 2,
      requester: { email: EU.support, employer: "Terrane Cloud GmbH", office_country: "DE", location_country: "DE" },
      reason: "customer_initiated_support",
      ticket: "NW-5000",
      grant: null,
    });
    const lifetime = Date.parse(created.expires_at as string) - Date.parse(created.created_at as string);
    expect(Math.round(lifetime / 3_600_000)).toBe(12);
    expect(created.scope_text).toMatch(/read only access to data classed business_records/);

    const first = await json<Json>(callSupport("approve", SLUG, { token: t(EU.northwindAdmin), id: created.id }));
    expect(first.state).toBe("pending");
    expect(first.approvals).toHaveLength(1);
    // The same person twice is one approval, not two.
    await expectProblem(
      await callSupport("approve", SLUG, { token: t(EU.northwindAdmin), id: created.id }),
      409,
      "already_approved",
    );
    const second = await json<Json & { grant: { id: string; approvers: { email: string }[] } }>(
      callSupport("approve", SLUG, { token: t(EU.northwindAdmin2), id: created.id, body: { duration_minutes: 30 } }),
    );
    expect(second.state).toBe("active");
    expect(second.grant.approvers.map((a) => a.email).sort()).toEqual([EU.northwindAdmin, EU.northwindAdmin2].sort());
    const g = second.grant as unknown as { not_before: string; expires_at: string };
    // The second approver shortened it to 30 minutes.
    expect(Date.parse(g.expires_at) - Date.parse(g.not_before)).toBe(30 * 60_000);
    // Once granted, a further approval is refused: the request is no longer pending.
    await expectProblem(
      await callSupport("approve", SLUG, { token: t(EU.northwindAdmin2), id: created.id }),
      409,
      "request_active",
    );
    const audit = await world.prisma.auditEntry.findMany({
      where: {
        tenantId: TENANT,
        subject: { in: [`support_request:${created.id}`, `support_grant:${second.grant.id}`] },
      },
      select: { action: true, actorId: true },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(
      ["support.approval_recorded", "support.grant_issued", "support.request_created"].sort(),
    );
  });

  it("the requester can never approve their own request, even as an admin of the tenant", async () => {
    await setPolicy(1);
    const created = await newRequest();
    const support = await world.userId(EU.support);
    const membership = await world.prisma.membership.create({
      data: { userId: support, tenantId: TENANT, role: "customer_admin" },
    });
    try {
      const before = await supportTotals(world.prisma);
      // The support engineer's token is a provider token; a session would do the same.
      const actor = await world.session(EU.support);
      const { approveRequest } = await import("@/modules/support/server/decisions");
      await expect(approveRequest(actor, SLUG, created.id, {}, { surface: "api", path: "/x" })).rejects.toMatchObject({
        status: 403,
        code: "four_eyes",
      });
      expect(await supportTotals(world.prisma)).toEqual(before);
    } finally {
      await world.prisma.membership.delete({ where: { id: membership.id } });
    }
  });

  it("the grant's token is a compact JWS that verifies against the JWKS over HTTP, and authorize judges it", async () => {
    const approved = await grantedRequest();
    const issued = await tokenFor(approved.grant.id);
    expect(issued.token.split(".")).toHaveLength(3);
    expect(Date.parse(issued.expires_at) - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 1_000);
    const { payload, protectedHeader } = await jwtVerify(issued.token, createRemoteJWKSet(jwksUrl), {
      audience: "terrane-support-access",
      issuer: "terrane:eu-central-1",
    });
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", kid: issued.kid, typ: "terrane-support-grant+jwt" });
    expect(payload).toMatchObject({ grant_id: approved.grant.id, tenant: SLUG, sub: await world.userId(EU.support) });

    const ask = (over: Record<string, unknown> = {}) =>
      json<{ allow: boolean; code: string; grant_id: string | null }>(
        callAuthorize(ingest, {
          token: issued.token,
          principal: EU.support,
          data_class: "business_records",
          operation: "read",
          ...over,
        }),
      );
    expect(await ask()).toMatchObject({ allow: true, code: "within_grant", grant_id: approved.grant.id });
    expect(await ask({ data_class: "customer_pii" })).toMatchObject({ allow: false, code: "data_class_not_granted" });
    expect(await ask({ operation: "write" })).toMatchObject({ allow: false, code: "operation_not_granted" });
    expect(await ask({ principal: EU.compliance })).toMatchObject({ allow: false, code: "other_principal" });

    // Altered: one claim changed, the signature kept.
    const [h, p, s] = issued.token.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, scope: { ...claims.scope, access: "read_write" } })).toString("base64url")}.${s}`;
    expect(await ask({ token: altered })).toMatchObject({ allow: false, code: "bad_signature" });
    // Re-signed with another Ed25519 key under the same kid.
    const other = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ ...decodeProtectedHeader(issued.token), alg: "EdDSA" })
      .sign(other.privateKey);
    expect(await ask({ token: forged })).toMatchObject({ allow: false, code: "bad_signature" });
    await expect(jwtVerify(forged, createRemoteJWKSet(jwksUrl))).rejects.toThrow();
    const refusals = await world.prisma.auditEntry.count({ where: { action: "support.authorize_refused" } });
    expect(refusals).toBeGreaterThanOrEqual(5);
  });

  it("revoking a grant makes authorize refuse at once and stops its token being refreshed", async () => {
    const approved = await grantedRequest();
    const issued = await tokenFor(approved.grant.id);
    const revoked = await json<Json>(
      callSupport("revoke", SLUG, { token: t(EU.northwindAdmin), id: approved.grant.id, body: { reason: "Done." } }),
    );
    expect(revoked.state).toBe("revoked");
    const answer = await json<{ allow: boolean; code: string }>(
      callAuthorize(ingest, {
        token: issued.token,
        principal: EU.support,
        data_class: "business_records",
        operation: "read",
      }),
    );
    expect(answer).toMatchObject({ allow: false, code: "grant_revoked" });
    await expectProblem(
      await callSupport("token", SLUG, { token: t(EU.support), id: approved.grant.id }),
      409,
      "grant_revoked",
    );
  });

  it("times run on the database's clock: a request expires unanswered, a grant ends", async () => {
    await setPolicy(1);
    const stale = await newRequest();
    await world.prisma
      .$executeRaw`UPDATE support_requests SET expires_at = now() - interval '1 second' WHERE id = ${stale.id}`;
    // Even before the timer runs, no one can approve it any more.
    await expectProblem(
      await callSupport("approve", SLUG, { token: t(EU.northwindAdmin), id: stale.id }),
      409,
      "request_expired",
    );
    const approved = await grantedRequest();
    const issued = await tokenFor(approved.grant.id);
    await world.prisma
      .$executeRaw`UPDATE support_grants SET expires_at = now() - interval '1 second' WHERE id = ${approved.grant.id}`;
    expect(await runSupportTimers(world.prisma)).toBeGreaterThanOrEqual(2);
    expect(
      (await json<Json>(callSupport("get request", SLUG, { token: t(EU.northwindAdmin), id: stale.id }))).state,
    ).toBe("expired");
    expect(
      (await json<Json>(callSupport("get request", SLUG, { token: t(EU.northwindAdmin), id: approved.id }))).state,
    ).toBe("ended");
    const answer = await json<{ allow: boolean; code: string }>(
      callAuthorize(ingest, {
        token: issued.token,
        principal: EU.support,
        data_class: "business_records",
        operation: "read",
      }),
    );
    expect(answer).toMatchObject({ allow: false, code: "grant_expired" });
    const actions = await world.prisma.auditEntry.findMany({
      where: { actorId: "support-timer", tenantId: TENANT },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["support.request_expired", "support.grant_ended"]),
    );
  });

  it("each instant a request or grant changes state is a job on the queue, sent with the change", async () => {
    await setPolicy(1);
    const timersAt = async () =>
      (await world.database.jobs.findJobs("support.timer")).map((j) => j.startAfter.toISOString());
    const before = new Set(await timersAt());
    const created = await newRequest({ duration_minutes: 90 });
    const approved = await json<Json & { grant: { not_before: string; expires_at: string } }>(
      callSupport("approve", SLUG, { token: t(EU.northwindAdmin), id: created.id }),
    );
    const added = (await timersAt()).filter((at) => !before.has(at)).sort();
    const end = Date.parse(approved.grant.expires_at);
    expect(added).toEqual(
      [
        created.expires_at as string,
        approved.grant.not_before,
        new Date(end - 3_600_000).toISOString(),
        approved.grant.expires_at,
      ]
        .map((at) => new Date(at).toISOString())
        .sort(),
    );
    // The grant's start has come: its job runs the sweep, on the database's clock.
    const [timer] = supportJobs().workers;
    expect(await runDueJobs(world.database.jobs, "support.timer", timer!.handler)).toBeGreaterThanOrEqual(1);
    const due = await world.database.jobs.findJobs("support.timer");
    expect(due.filter((j) => j.state === "completed").every((j) => j.startAfter.getTime() <= Date.now() + 60_000)).toBe(
      true,
    );
    expect(due.find((j) => j.startAfter.toISOString() === new Date(end).toISOString())).toMatchObject({
      state: "created",
    });
  });

  it("a grant ending within the hour tells the requester and the admins, once", async () => {
    const approved = await grantedRequest();
    await world.prisma.$executeRaw`
      UPDATE support_grants SET expires_at = now() + interval '30 minutes', created_at = now() - interval '2 minutes'
      WHERE id = ${approved.grant.id}`;
    await runSupportTimers(world.prisma);
    await runSupportTimers(world.prisma);
    const told = await world.prisma.notification.findMany({
      where: {
        event: "support_access.grant_expiring",
        userId: { in: [await world.userId(EU.support), await world.userId(EU.northwindAdmin)] },
      },
      select: { userId: true, link: true },
    });
    const forThis = told.filter((n) => n.link?.endsWith(approved.id));
    expect(forThis).toHaveLength(2);
  });

  it("disabling the requester's account ends their grants in the same commit", async () => {
    const approved = await grantedRequest();
    const { disableUser } = await import("@/modules/identity/server/account-security");
    const support = await world.userId(EU.support);
    await disableUser(await world.session(EU.providerAdmin), support);
    try {
      const grant = await world.prisma.supportGrant.findUniqueOrThrow({ where: { id: approved.grant.id } });
      expect(grant.revokeReason).toMatch(/account was disabled/);
      const row = await world.prisma.supportRequest.findUniqueOrThrow({ where: { id: approved.id } });
      expect(row.state).toBe("revoked");
    } finally {
      await world.prisma.user.update({ where: { id: support }, data: { disabledAt: null } });
    }
  });

  it("an extension needs the same approval again, then lengthens the grant", async () => {
    const approved = await grantedRequest();
    const before = Date.parse((approved.grant as unknown as { expires_at: string }).expires_at);
    const asked = await json<Json>(
      callSupport("extend", SLUG, {
        token: t(EU.support),
        id: approved.id,
        body: { duration_minutes: 45, detail: "Root cause not found yet." },
      }),
    );
    expect(asked.state).toBe("extension_requested");
    const extended = await json<Json & { grant: { expires_at: string } }>(
      callSupport("approve", SLUG, { token: t(EU.northwindAdmin2), id: approved.id }),
    );
    expect(extended.state).toBe("active");
    expect(Date.parse(extended.grant.expires_at) - before).toBe(45 * 60_000);
  });

  it("withdrawn and denied requests end there; a denied reason code is denied automatically", async () => {
    await setPolicy(1, { denied_reasons: ["third_party_data_request"] });
    const a = await newRequest();
    expect((await json<Json>(callSupport("withdraw", SLUG, { token: t(EU.support), id: a.id }))).state).toBe(
      "withdrawn",
    );
    const b = await newRequest();
    const denied = await json<Json>(
      callSupport("deny", SLUG, { token: t(EU.northwindAdmin), id: b.id, body: { reason: "Use the dashboard." } }),
    );
    expect(denied).toMatchObject({ state: "denied", denial: { reason: "Use the dashboard." } });
    const auto = await newRequest({ reason: "third_party_data_request", ticket: undefined });
    expect(auto.state).toBe("denied");
    await setPolicy(1);
  });

  it("refuses, and records, a request whose location no decision allows, another tenant's store, or over 8 hours", async () => {
    const support = await world.userId(EU.support);
    await world.prisma.user.update({ where: { id: support }, data: { locationCountry: "US" } });
    try {
      const before = await supportTotals(world.prisma);
      const refused = await expectProblem(
        await callSupport("create request", SLUG, {
          token: t(EU.support),
          body: requestBody({ scope: { data_classes: ["customer_pii"], access: "read" } }),
        }),
        403,
        "transfer_not_allowed",
      );
      expect(refused.detail).toMatch(/customer_pii/);
      expect(refused.detail).toMatch(/Terrane Cloud GmbH \(subprocessor, US\)/);
      expect(await supportTotals(world.prisma)).toEqual(before);
    } finally {
      await world.prisma.user.update({ where: { id: support }, data: { locationCountry: "DE" } });
    }
    const kestrelStore = await world.prisma.store.findFirstOrThrow({
      where: { tenantId: stableId("tenant", "kestrel-eu") },
      select: { id: true },
    });
    await expectProblem(
      await callSupport("create request", SLUG, {
        token: t(EU.support),
        body: requestBody({ scope: { stores: [kestrelStore.id], access: "read" } }),
      }),
      400,
      "unknown_store",
    );
    await expectProblem(
      await callSupport("create request", SLUG, { token: t(EU.support), body: requestBody({ duration_minutes: 481 }) }),
      400,
      "invalid_body",
    );
    const recorded = await world.prisma.auditEntry.findMany({
      where: { tenantId: TENANT, action: "support.request_refused" },
      select: { details: true },
    });
    expect(recorded.map((r) => (r.details as { code: string }).code)).toEqual(
      expect.arrayContaining(["transfer_not_allowed", "unknown_store"]),
    );
  });

  it("disabling the tenant's key ends every grant in the same commit: authorize refuses right after", async () => {
    const approved = await grantedRequest();
    const issued = await tokenFor(approved.grant.id);
    const admin = await world.session(EU.northwindAdmin);
    const key = await world.prisma.tenantKey.findFirstOrThrow({ where: { tenantId: TENANT }, select: { id: true } });
    await disableKey(admin, SLUG, key.id, SLUG, { surface: "api", path: "/x" });
    try {
      const answer = await json<{ allow: boolean; code: string }>(
        callAuthorize(ingest, {
          token: issued.token,
          principal: EU.support,
          data_class: "business_records",
          operation: "read",
        }),
      );
      expect(answer.allow).toBe(false);
      const grant = await world.prisma.supportGrant.findUniqueOrThrow({ where: { id: approved.grant.id } });
      expect(grant.revokedAt).not.toBeNull();
      expect(grant.revokeReason).toMatch(/key was disabled/);
    } finally {
      await world.prisma.tenantKey.update({ where: { id: key.id }, data: { state: "enabled" } });
    }
  });

  it("break-glass: a second provider person opens it, the customer is told, a third person reviews it", async () => {
    const opened = await json<Json>(
      callSupport("break-glass", SLUG, {
        token: t(EU.support),
        body: requestBody({ reason: "production_alert_response", ticket: "P1-771", duration_minutes: 30 }),
      }),
      201,
    );
    expect(opened).toMatchObject({ state: "pending", break_glass: true });
    await expectProblem(
      await callSupport("break-glass", SLUG, {
        token: t(EU.support),
        body: requestBody({ duration_minutes: 61, reason: "production_alert_response" }),
      }),
      400,
      "invalid_body",
    );
    // Customer admins cannot open it (it is the provider's emergency), nor the requester.
    await expectProblem(
      await callSupport("confirm", SLUG, { token: t(EU.northwindAdmin), id: opened.id }),
      403,
      "forbidden",
    );
    // A provider admin sees the break-glass requests (and only those) and may open this one.
    const listed = await json<{ requests: { id: string; break_glass: boolean; allowed_actions: string[] }[] }>(
      callSupport("list requests", SLUG, { token: t(EU.providerAdmin) }),
    );
    expect(listed.requests.every((r) => r.break_glass)).toBe(true);
    expect(listed.requests.find((r) => r.id === opened.id)?.allowed_actions).toContain("confirm");
    const active = await json<Json>(callSupport("confirm", SLUG, { token: t(EU.compliance), id: opened.id }));
    expect(active).toMatchObject({ state: "active", needs_review: true });
    const told = await world.prisma.notification.count({
      where: { userId: await world.userId(EU.northwindAdmin), event: "support_access.break_glass_opened" },
    });
    expect(told).toBeGreaterThanOrEqual(1);
    // The officer who opened it does not review it.
    await expectProblem(
      await callSupport("review", SLUG, { token: t(EU.compliance), id: opened.id }),
      403,
      "four_eyes",
    );
    const reviewed = await json<Json>(callSupport("review", SLUG, { token: t(EU.compliance2), id: opened.id }));
    expect(reviewed).toMatchObject({ needs_review: false, review: { rationale: expect.stringMatching(/P1-771/) } });
  });

  it("access events are judged against the grant each names, idempotently, and outside ones alert", async () => {
    const approved = await grantedRequest();
    const base = {
      tenant: SLUG,
      principal: EU.support,
      job_title: "Senior Support Engineer",
      employer: "Terrane Cloud GmbH",
      office_country: "DE",
      location_country: "DE",
      data_class: "business_records",
      operation: "read",
      method: "sql_console",
      reason: "customer_initiated_support",
    };
    const now = new Date().toISOString();
    const batch = [
      { ...base, id: `in-${approved.id}`, time: now, grant_id: approved.grant.id },
      { ...base, id: `out-${approved.id}`, time: now, data_class: "customer_pii", grant_id: approved.grant.id },
      { ...base, id: `none-${approved.id}`, time: now },
    ];
    const first = await json(callAccessEvents(ingest, batch));
    expect(first).toEqual({ received: 3, stored: 3, duplicates: 0, within_grant: 1, outside_grant: 2 });
    expect(await json(callAccessEvents(ingest, batch))).toEqual({
      received: 3,
      stored: 0,
      duplicates: 3,
      within_grant: 0,
      outside_grant: 0,
    });
    const list = await json<{ accesses: { id: string; verdict: string; grant_id: string | null }[] }>(
      callSupport("accesses", SLUG, { token: t(EU.northwindViewer) }),
    );
    expect(list.accesses.find((a) => a.id === `in-${approved.id}`)).toMatchObject({
      verdict: "within_grant",
      grant_id: approved.grant.id,
    });
    expect(list.accesses.find((a) => a.id === `none-${approved.id}`)).toMatchObject({
      verdict: "outside_grant",
      grant_id: null,
    });
    const alerts = await world.prisma.notification.count({
      where: { userId: await world.userId(EU.compliance), event: "support_access.outside_grant_access" },
    });
    expect(alerts).toBeGreaterThanOrEqual(1);
    const csv = await callSupport("accesses", SLUG, { token: t(EU.northwindAdmin), query: "?format=csv" });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(new RegExp(`"in-${approved.id}"`));
    await expectProblem(
      await callAccessEvents(ingest, [{ ...base, id: "x", time: now, tenant: "no-such-tenant" }]),
      400,
      "unknown_tenant",
    );
  });
});
