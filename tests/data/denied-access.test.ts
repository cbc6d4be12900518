import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as tenantAudit } from "@/app/api/v1/tenants/[tenant]/audit/route";
import { withTenant } from "@/platform/access/with-tenant";
import { ForbiddenError, UnauthenticatedError } from "@/platform/errors";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { callKeyRoute, route } from "../helpers/keys-routes";
import { primaryKeyId, tenantId, useKeyWorld } from "../helpers/keys-world";
import { EU } from "../helpers/seeded-region";

const SLUG = "northwind-eu";

interface EntryView {
  action: string;
  outcome: string;
  subject: string | null;
  actor: { type: string; id: string | null; employer: string | null };
  details: Record<string, unknown>;
}

describe.each(DATABASE_KINDS)("refused changes are evidence in the tenant's audit log, on %s", (kind) => {
  const world = useKeyWorld(kind);
  let keyId: string;

  const disableAs = (token: string) => callKeyRoute(route("disable"), SLUG, keyId, { token });
  const denied = () =>
    world.prisma.auditEntry.findMany({
      where: { action: "access.denied", tenantId: tenantId(SLUG) },
      orderBy: { seq: "asc" },
      select: { actorId: true, actorType: true, details: true, outcome: true },
    });
  /** The tenant's audit log as its admin reads it through the API. */
  const adminReadsLog = async (query = "?action=access.denied&limit=200"): Promise<EntryView[]> => {
    const res = await call(
      tenantAudit,
      request(`/api/v1/tenants/${SLUG}/audit${query}`, { headers: bearer(world.token(EU.northwindAdmin)) }),
      { tenant: SLUG },
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { entries: EntryView[] }).entries;
  };

  beforeAll(async () => {
    keyId = await primaryKeyId(world.prisma, SLUG);
  });
  beforeEach(async () => {
    // Each case starts with no refusal recorded in the window.
    await world.prisma.deniedAccessMark.deleteMany();
  });

  it("a viewer disabling the key gets 403, and the tenant's admin sees the attempt in the audit log", async () => {
    await expectProblem(await disableAs(world.token(EU.northwindViewer)), 403, "forbidden");
    expect((await world.prisma.tenantKey.findUniqueOrThrow({ where: { id: keyId } })).state).toBe("enabled");

    const viewer = await world.userId(EU.northwindViewer);
    const entries = (await adminReadsLog()).filter((e) => e.actor.id === viewer);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "access.denied",
      outcome: "denied",
      subject: `tenant:${tenantId(SLUG)}`,
      actor: { type: "api_token", id: viewer },
      details: {
        attempted_action: "keys.manage",
        status: 403,
        surface: "api",
        path: `/api/v1/tenants/${SLUG}/keys/${keyId}/disable`,
      },
    });
  });

  it("another organisation's admin gets 404, as for an unknown tenant, and the attempt is recorded on the tenant", async () => {
    const token = world.token(EU.kestrelAdmin);
    const here = await expectProblem(await disableAs(token), 404, "tenant_not_found");
    const unknown = await expectProblem(
      await callKeyRoute(route("disable"), "no-such-tenant", keyId, { token }),
      404,
      "tenant_not_found",
    );
    expect(here).toEqual(unknown);

    const kim = await world.userId(EU.kestrelAdmin);
    const entries = (await adminReadsLog()).filter((e) => e.actor.id === kim);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ attempted_action: "keys.manage", status: 404 });
    // Nothing is written anywhere for the unknown tenant.
    expect(await world.prisma.deniedAccessMark.count({ where: { actorId: kim } })).toBe(1);
  });

  it("50 refused attempts in a row by one actor are one entry; in parallel too", async () => {
    const token = world.token(EU.northwindViewer);
    const viewer = await world.userId(EU.northwindViewer);
    const before = (await denied()).length;
    for (let i = 0; i < 50; i++) expect((await disableAs(token)).status).toBe(403);
    expect((await denied()).length).toBe(before + 1);

    // A flood arriving at once still claims the window once (the mark's row lock serialises them).
    await world.prisma.deniedAccessMark.deleteMany();
    const answers = await Promise.all(Array.from({ length: 20 }, () => disableAs(token)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(403));
    expect((await denied()).length).toBe(before + 2);
    // One mark per actor, tenant and action, however many attempts.
    expect(await world.prisma.deniedAccessMark.count({ where: { actorId: viewer } })).toBe(1);
  });

  it("the limit is per actor and per attempted action, and a new window records again", async () => {
    const viewer = await world.session(EU.northwindViewer);
    const auditor = await world.session(EU.northwindAuditor);
    const origin = { surface: "page", path: `/t/${SLUG}/sharing` } as const;
    const attempt = (actor: typeof viewer, action: "keys.manage" | "data_classes.manage") =>
      expect(withTenant(actor, SLUG, action, origin, async () => "done")).rejects.toBeInstanceOf(ForbiddenError);
    const before = (await denied()).length;

    await attempt(viewer, "keys.manage");
    await attempt(viewer, "keys.manage");
    await attempt(viewer, "data_classes.manage");
    await attempt(auditor, "keys.manage");
    const recorded = (await denied()).slice(before);
    expect(
      recorded.map((e) => [
        e.actorId,
        (e.details as { attempted_action: string }).attempted_action,
        (e.details as { surface: string }).surface,
      ]),
    ).toEqual([
      [viewer.userId, "keys.manage", "page"],
      [viewer.userId, "data_classes.manage", "page"],
      [auditor.userId, "keys.manage", "page"],
    ]);

    // The window has passed (its mark is older than a minute): the next attempt is recorded.
    await world.prisma.deniedAccessMark.updateMany({ data: { recordedAt: new Date(Date.now() - 120_000) } });
    await attempt(viewer, "keys.manage");
    expect((await denied()).length).toBe(before + 4);
  });

  it("a token scoped to another tenant, refused a change here, is recorded too", async () => {
    const kim = await world.userId(EU.kestrelAdmin);
    await world.prisma.membership.create({ data: { userId: kim, tenantId: tenantId(SLUG), role: "customer_admin" } });
    try {
      const problem = await expectProblem(await disableAs(world.token(EU.kestrelAdmin)), 403, "forbidden");
      expect(problem.detail).toMatch(/scoped to another tenant/);
      const entries = (await adminReadsLog()).filter((e) => e.actor.id === kim && e.details.status === 403);
      expect(entries).toHaveLength(1);
    } finally {
      await world.prisma.membership.deleteMany({ where: { userId: kim, tenantId: tenantId(SLUG) } });
    }
  });

  it("refused reads are not recorded (staff reading the keys, an outsider reading the overview), but an auditor's are", async () => {
    const before = (await denied()).length;
    for (const email of [EU.providerAdmin, EU.support, EU.compliance]) {
      await expectProblem(
        await callKeyRoute(route("list keys"), SLUG, keyId, { token: world.token(email) }),
        403,
        "forbidden",
      );
    }
    await expectProblem(
      await callKeyRoute(route("list keys"), SLUG, keyId, { token: world.token(EU.kestrelViewer) }),
      404,
      "tenant_not_found",
    );
    expect((await denied()).length).toBe(before);
    expect(await world.prisma.deniedAccessMark.count()).toBe(0);
    // What an auditor tries outside the engagement is the tenant admins' business.
    const auditor = await world.session(EU.northwindAuditor);
    await expect(
      withTenant(auditor, SLUG, "lineage.read", { surface: "page", path: "/x" }, async () => 1),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await denied()).length).toBe(before + 1);
    expect((await denied()).at(-1)?.details).toMatchObject({ attempted_action: "lineage.read", status: 403 });
  });

  it("an anonymous caller, or a bad token, is 401 and leaves nothing", async () => {
    const before = await world.count("audit_entries");
    // Without a session the route handler needs Next's request context (covered by e2e/authz);
    // the data layer refuses the anonymous actor before looking the tenant up.
    await expect(
      withTenant({ type: "anonymous" }, SLUG, "keys.manage", { surface: "api", path: "/x" }, async () => 1),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expectProblem(await disableAs("trn_not-a-real-token"), 401, "invalid_token");
    expect(await world.count("audit_entries")).toBe(before);
    expect(await world.prisma.deniedAccessMark.count()).toBe(0);
  });
});
