import { beforeAll, describe, expect, it } from "vitest";
import { databaseNow } from "@/platform/db/db-time";
import { integratePending } from "@/modules/audit/server/integrator";
import { lastCompleteMonth } from "@/modules/attestations/domain/period";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { attestationEnvelope, listAttestations } from "@/modules/attestations/server/reads";
import { inviteAuditor, listAuditors, ownEngagement, revokeAuditor } from "@/modules/evidence/server/auditors";
import { acceptNda, readNda } from "@/modules/evidence/server/nda";
import { decideScopeRequest, listOwnScopeRequests, requestScope } from "@/modules/evidence/server/scope-requests";
import { listTenantKeys } from "@/modules/keys/server/tenant-keys";
import { POST as askRoute } from "@/app/api/v1/tenants/[tenant]/engagement/scope-requests/route";
import { POST as decideRoute } from "@/app/api/v1/tenants/[tenant]/auditors/[auditor]/scope-requests/[request]/route";
import { resetEnvCache } from "@/platform/env";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { refusal } from "../helpers/refusal";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { formatDateTime } from "@/platform/format";

const SLUG = "northwind-eu";
const ORIGIN = { surface: "api", path: "/api/v1/test", ip: "203.0.113.7" } as const;
const DAY = 86_400_000;
const REASON = "The SOC 2 Type II window starts two years back; we need those attestations too.";

describe.each(DATABASE_KINDS)("auditors' requests for more access, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  let older: { id: string };
  let engagementId: string;
  let year: number;

  const audreyMembership = async () =>
    world.prisma.membership.findFirstOrThrow({
      where: { userId: await world.userId(EU.northwindAuditor), tenant: { slug: SLUG } },
    });
  const noteOf = async (email: string, event: string) =>
    world.prisma.notification.findMany({ where: { userId: await world.userId(email), event } });

  beforeAll(async () => {
    await integratePending();
    const admin = await world.session(EU.northwindAdmin);
    year = lastCompleteMonth(await databaseNow(world.prisma)).from.getUTCFullYear();
    // Before the seeded engagement's periods (which start on 1 January of last year).
    older = await issueAttestationOnDemand(admin, SLUG, { from: `${year - 2}-03-01`, to: `${year - 2}-04-01` }, ORIGIN);
    engagementId = (await audreyMembership()).id;
  });

  it("bad requests are 400 with a clear code and change nothing", async () => {
    const before = await audreyMembership();
    const send = (body: unknown) =>
      call(
        askRoute,
        request(`/api/v1/tenants/${SLUG}/engagement/scope-requests`, {
          method: "POST",
          body: JSON.stringify(body),
          headers: { ...bearer(world.token(EU.northwindAuditor)), "content-type": "application/json" },
        }),
        { tenant: SLUG },
      );
    const good = { access: "evidence", from: `${year - 2}-01-01`, to: `${year + 1}-01-01`, reason: REASON };
    for (const body of [
      { ...good, reason: "too short" },
      { ...good, reason: "x".repeat(2001) },
      { ...good, access: "everything" },
      { ...good, extra: true },
      { access: "evidence", from: good.from, to: good.to },
    ])
      await expectProblem(await send(body), 400, "invalid_body");
    await expectProblem(await send({ ...good, from: `${year - 2}-02-30` }), 400, "scope_malformed");
    await expectProblem(await send({ ...good, to: `${year - 3}-01-01` }), 400, "scope_empty");
    // Narrower than the engagement, or the same: not a request for more.
    await expectProblem(await send({ ...good, from: `${year}-01-01` }), 400, "scope_not_wider");
    await expectProblem(await send({ ...good, from: `${year - 1}-01-01` }), 400, "scope_not_wider");
    await expectProblem(await send({ ...good, access: "attestations" }), 400, "scope_not_wider");
    expect(await world.prisma.auditorScopeRequest.count()).toBe(0);
    expect(await world.prisma.auditEntry.count({ where: { action: "evidence.scope_requested" } })).toBe(0);
    expect(await world.prisma.notification.count({ where: { event: "evidence.scope_requested" } })).toBe(0);
    expect(await audreyMembership()).toEqual(before);
  });

  it("an auditor asks for more periods: recorded with the reason, audited, the admins told; one pending at a time", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    expect(await refusal(attestationEnvelope(audrey, SLUG, older.id, ORIGIN))).toEqual({
      status: 404,
      code: "attestation_not_found",
    });
    const asked = await requestScope(
      audrey,
      SLUG,
      { access: "evidence", from: `${year - 2}-01-01`, to: `${year + 1}-01-01`, reason: REASON },
      ORIGIN,
    );
    expect(asked).toMatchObject({
      state: "pending",
      access: "evidence",
      from: `${year - 2}-01-01T00:00:00.000Z`,
      current: { access: "evidence", from: `${year - 1}-01-01T00:00:00.000Z` },
      requested_by: { name: "Audrey Mensah" },
      decided_by: null,
    });
    const audit = await world.prisma.auditEntry.findFirstOrThrow({ where: { action: "evidence.scope_requested" } });
    expect(audit).toMatchObject({
      actorId: await world.userId(EU.northwindAuditor),
      subject: `auditor:${engagementId}`,
    });
    expect(audit.details).toMatchObject({ request_id: asked.id, reason: REASON });
    for (const who of [EU.northwindAdmin, EU.northwindAdmin2, EU.compliance]) {
      const [n] = await noteOf(who, "evidence.scope_requested");
      expect(n, who).toMatchObject({ link: `/t/${SLUG}/auditors#scope-request-${asked.id}` });
      expect(n!.body).toContain(REASON);
    }
    expect(await noteOf(EU.northwindViewer, "evidence.scope_requested")).toHaveLength(0);

    expect(
      await refusal(
        requestScope(
          audrey,
          SLUG,
          { access: "evidence", from: `${year - 3}-01-01`, to: `${year + 1}-01-01`, reason: REASON },
          ORIGIN,
        ),
      ),
    ).toEqual({ status: 409, code: "request_pending" });
    expect(await world.prisma.auditorScopeRequest.count()).toBe(1);

    const own = await listOwnScopeRequests(audrey, SLUG, ORIGIN);
    expect(own).toMatchObject({
      requests: [{ id: asked.id, state: "pending" }],
      allowed_actions: ["engagement.scope.request"],
    });
    const listed = await listAuditors(await world.session(EU.compliance), SLUG, ORIGIN);
    expect(listed.auditors.find((a) => a.id === engagementId)?.scope_request).toMatchObject({
      id: asked.id,
      state: "pending",
      reason: REASON,
    });
  });

  it("only customer admins and compliance officers decide (never the auditor, their own request); bad decisions change nothing", async () => {
    const pending = await world.prisma.auditorScopeRequest.findFirstOrThrow({ where: { status: "pending" } });
    const ids = { auditor: engagementId, request: pending.id };
    const approve = { decision: "approve" as const };
    for (const who of [EU.northwindAuditor, EU.northwindViewer, EU.support, EU.providerAdmin, EU.kestrelAdmin])
      expect(
        (await refusal(decideScopeRequest(await world.session(who), SLUG, ids, approve, ORIGIN))).status,
        who,
      ).toBeOneOf([403, 404]);
    const admin = await world.session(EU.northwindAdmin);
    expect(await refusal(decideScopeRequest(admin, SLUG, ids, { decision: "deny" }, ORIGIN))).toEqual({
      status: 400,
      code: "note_required",
    });
    expect(await refusal(decideScopeRequest(admin, SLUG, ids, { decision: "deny", note: "   " }, ORIGIN))).toEqual({
      status: 400,
      code: "note_required",
    });
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await refusal(decideScopeRequest(admin, SLUG, { ...ids, request: unknown }, approve, ORIGIN))).code).toBe(
      "scope_request_not_found",
    );
    expect((await refusal(decideScopeRequest(admin, SLUG, { ...ids, auditor: unknown }, approve, ORIGIN))).code).toBe(
      "scope_request_not_found",
    );
    // Another tenant's admin cannot reach it through their own tenant either.
    const kim = await world.session(EU.kestrelAdmin);
    expect((await refusal(decideScopeRequest(kim, "kestrel-eu", ids, approve, ORIGIN))).code).toBe(
      "scope_request_not_found",
    );
    // At the route: malformed bodies and ids are 400.
    const send = (body: unknown, request_ = pending.id) =>
      call(
        decideRoute,
        request(`/api/v1/tenants/${SLUG}/auditors/${engagementId}/scope-requests/${request_}`, {
          method: "POST",
          body: JSON.stringify(body),
          headers: { ...bearer(world.token(EU.northwindAdmin)), "content-type": "application/json" },
        }),
        { tenant: SLUG, auditor: engagementId, request: request_ },
      );
    await expectProblem(await send({ decision: "maybe" }), 400, "invalid_body");
    await expectProblem(await send({ decision: "deny", note: "n".repeat(2001) }), 400, "invalid_body");
    await expectProblem(await send(approve, "not-a-uuid"), 400, "invalid_path");
    expect(await world.prisma.auditorScopeRequest.findUniqueOrThrow({ where: { id: pending.id } })).toEqual(pending);
    expect(
      await world.prisma.auditEntry.count({
        where: { action: { in: ["evidence.scope_approved", "evidence.scope_denied"] } },
      }),
    ).toBe(0);
  });

  it("approving widens the scope at once without moving the expiry: the auditor reads the new period's attestation and is told", async () => {
    const before = await audreyMembership();
    const pending = await world.prisma.auditorScopeRequest.findFirstOrThrow({ where: { status: "pending" } });
    const compliance = await world.session(EU.compliance);
    const decided = await decideScopeRequest(
      compliance,
      SLUG,
      { auditor: engagementId, request: pending.id },
      { decision: "approve", note: "Approved for the SOC 2 window." },
      ORIGIN,
    );
    expect(decided).toMatchObject({
      scope_from: `${year - 2}-01-01T00:00:00.000Z`,
      expires_at: before.expiresAt!.toISOString(),
      scope_request: { id: pending.id, state: "approved", decided_by: { id: await world.userId(EU.compliance) } },
    });
    const after = await audreyMembership();
    expect(after.expiresAt).toEqual(before.expiresAt);
    expect(after.scopeTo).toEqual(before.scopeTo);

    const audrey = await world.session(EU.northwindAuditor);
    expect((await attestationEnvelope(audrey, SLUG, older.id, ORIGIN)).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await listAttestations(audrey, SLUG, ORIGIN)).attestations.map((a) => a.id)).toContain(older.id);

    const audit = await world.prisma.auditEntry.findFirstOrThrow({ where: { action: "evidence.scope_approved" } });
    expect(audit).toMatchObject({ actorId: await world.userId(EU.compliance), subject: `auditor:${engagementId}` });
    expect(audit.details).toMatchObject({ request_id: pending.id, note: "Approved for the SOC 2 window." });
    const [told] = await noteOf(EU.northwindAuditor, "evidence.scope_approved");
    expect(told!.body).toContain(`${year - 2}-01-01`);
    expect(told!.body).toContain("UTC");

    expect(
      await refusal(
        decideScopeRequest(
          compliance,
          SLUG,
          { auditor: engagementId, request: pending.id },
          { decision: "deny", note: "Changed my mind." },
          ORIGIN,
        ),
      ),
    ).toEqual({ status: 409, code: "already_decided" });
  });

  it("of two concurrent decisions one wins and the other is 409; a denial keeps the scope and tells the auditor why", async () => {
    const audrey = await world.session(EU.northwindAuditor);
    const before = await audreyMembership();
    const asked = await requestScope(
      audrey,
      SLUG,
      { access: "evidence", from: `${year - 2}-01-01`, to: `${year + 2}-01-01`, reason: REASON },
      ORIGIN,
    );
    const ids = { auditor: engagementId, request: asked.id };
    const [ana, ben] = await Promise.all([world.session(EU.northwindAdmin), world.session(EU.northwindAdmin2)]);
    const results = await Promise.allSettled([
      decideScopeRequest(ana, SLUG, ids, { decision: "deny", note: "Next year is not in the contract." }, ORIGIN),
      decideScopeRequest(ben, SLUG, ids, { decision: "deny", note: "Not covered by the statement of work." }, ORIGIN),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(await refusal(Promise.reject(lost.reason))).toEqual({ status: 409, code: "already_decided" });
    expect(await world.prisma.auditEntry.count({ where: { action: "evidence.scope_denied" } })).toBe(1);

    expect(await audreyMembership()).toEqual(before);
    const own = await ownEngagement(audrey, SLUG, ORIGIN);
    expect(own.scope_request).toMatchObject({ id: asked.id, state: "denied" });
    expect(own.scope_request!.note).toMatch(/contract|statement of work/);
    const [told] = await noteOf(EU.northwindAuditor, "evidence.scope_denied");
    expect(told!.body).toContain(own.scope_request!.note!);
  });

  it("an invitation tells the auditor the tenant, the scope, the expiry with its zone, where to sign in and the NDA first; an attestations-only auditor may ask for full evidence", async () => {
    const admin = await world.session(EU.northwindAdmin);
    const expires = new Date(Date.now() + 30 * DAY);
    // With SMTP configured the invitation is also queued as an e-mail, in the invitation's transaction.
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    process.env.SMTP_FROM = "Terrane <notifications@terrane.example>";
    resetEnvCache();
    let invited: Awaited<ReturnType<typeof inviteAuditor>>;
    try {
      invited = await inviteAuditor(
        admin,
        SLUG,
        {
          email: "petra.auditor@audit.example",
          name: "Petra Novak",
          expires_at: expires.toISOString(),
          scope: { access: "attestations", from: `${year - 1}-01-01`, to: `${year}-01-01` },
        },
        ORIGIN,
      );
    } finally {
      delete process.env.SMTP_URL;
      delete process.env.SMTP_FROM;
      resetEnvCache();
    }
    const email = await world.prisma.notificationEmail.findFirstOrThrow({
      where: { toAddress: "petra.auditor@audit.example" },
    });
    expect(email.subject).toBe("[Terrane] You are invited to audit Northwind Logistics EU");
    expect(email.body).toContain(`/t/${SLUG}/engagement`);
    expect(email.body).toMatch(/non-disclosure agreement first/);
    const [mail] = await noteOf("petra.auditor@audit.example", "evidence.auditor_invited");
    expect(mail).toMatchObject({
      title: "You are invited to audit Northwind Logistics EU",
      link: `/t/${SLUG}/engagement`,
    });
    expect(mail!.body).toContain("Ana Ortega");
    expect(mail!.body).toContain(`the signed attestations for periods from ${year - 1}-01-01 to ${year}-01-01`);
    // The one format of a moment (platform/format.ts), with its zone.
    expect(mail!.body).toContain(formatDateTime(expires.toISOString()));
    expect(mail!.body).toMatch(/Your access ends \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC\./);
    expect(mail!.body).toContain("eu-central-1");
    expect(mail!.body).toMatch(/non-disclosure agreement first/);

    const petra = await world.session("petra.auditor@audit.example");
    const ask = { access: "evidence" as const, from: `${year - 1}-01-01`, to: `${year}-01-01`, reason: REASON };
    expect(await refusal(requestScope(petra, SLUG, ask, ORIGIN))).toEqual({ status: 403, code: "nda_required" });
    await acceptNda(petra, SLUG, { sha256: (await readNda(petra, SLUG, ORIGIN)).sha256 }, ORIGIN);
    expect(await refusal(listTenantKeys(petra, SLUG, ORIGIN))).toEqual({ status: 403, code: "out_of_scope" });
    const asked = await requestScope(petra, SLUG, ask, ORIGIN);
    await decideScopeRequest(admin, SLUG, { auditor: invited.id, request: asked.id }, { decision: "approve" }, ORIGIN);
    expect((await listTenantKeys(petra, SLUG, ORIGIN)).keys.length).toBeGreaterThan(0);

    // Revoking leaves nothing pending; an ended engagement is not widened.
    const again = await requestScope(petra, SLUG, { ...ask, from: `${year - 2}-01-01` }, ORIGIN);
    await revokeAuditor(admin, SLUG, invited.id, ORIGIN);
    expect(await world.prisma.auditorScopeRequest.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({
      status: "lapsed",
    });
    expect(
      (
        await refusal(
          decideScopeRequest(admin, SLUG, { auditor: invited.id, request: again.id }, { decision: "approve" }, ORIGIN),
        )
      ).code,
    ).toBe("already_decided");
  });
});
