/**
 * The lawful-access register through its routes, on the embedded database and on PostgreSQL:
 * compliance officers record, edit and close requests (four eyes on closing, decided in
 * lawful-access.cedar), the region's and the tenants' audit logs, notifications to the affected
 * tenants' admins, a recorded legal prohibition hiding a request from the tenant (its view, its
 * log, its notifications), and precise 4xx answers that change nothing.
 */
import { describe, expect, it } from "vitest";
import { GET as getRegister, POST as record } from "@/app/api/v1/region/lawful-access-requests/route";
import { GET as getOne, PATCH as patch } from "@/app/api/v1/region/lawful-access-requests/[id]/route";
import { POST as close } from "@/app/api/v1/region/lawful-access-requests/[id]/close/route";
import { GET as getTenant } from "@/app/api/v1/tenants/[tenant]/lawful-access-requests/route";
import { registerView, requestView, tenantRequestsView } from "@/modules/lawful-access/api-schemas/register";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { DAY, lawfulRequest } from "./world";

type Json = Record<string, unknown>;
type View = ReturnType<typeof requestView.parse>;

const R = "/api/v1/region/lawful-access-requests";

describe.each(DATABASE_KINDS)("the lawful-access register, through the routes, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");

  const send = (path: string, email: string, body: unknown, method = "POST") =>
    request(path, {
      method,
      headers: { ...bearer(world.token(email)), "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const get = (path: string, email: string) => request(path, { headers: bearer(world.token(email)) });

  async function json<T = Json>(response: Response | Promise<Response>, status = 200): Promise<T> {
    const r = await response;
    const text = await r.text();
    expect(r.status, text).toBe(status);
    return JSON.parse(text) as T;
  }
  async function recorded(over: Json = {}, email: string = EU.compliance): Promise<View> {
    return requestView.parse(await json(call(record, send(R, email, lawfulRequest(over))), 201));
  }
  const tenantId = async (slug: string) =>
    (await world.prisma.tenant.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
  const entries = (id: string) =>
    world.prisma.auditEntry.findMany({
      where: { subject: `lawful_access_request:${id}` },
      orderBy: { seq: "asc" },
    });
  const tenantView = async (slug: string, email: string) =>
    tenantRequestsView.parse(
      await json(call(getTenant, get(`/api/v1/tenants/${slug}/lawful-access-requests`, email), { tenant: slug })),
    );
  /** Everything the register's tables and their side effects hold: must not move on a refusal. */
  const snapshot = async () => ({
    requests: await world.count("lawful_access_requests"),
    audit: await world.count("audit_entries"),
    notifications: await world.count("notifications"),
    rows: JSON.stringify(await world.prisma.lawfulAccessRequest.findMany({ orderBy: { id: "asc" } })),
  });

  it("a compliance officer records a request: 201, the region's entry and each tenant's, its admins told", async () => {
    const before = await world.count("notifications");
    const r = await recorded({ tenants: ["northwind-eu", "kestrel-eu"] });
    expect(r).toMatchObject({
      state: "open",
      authority: "Bundeskriminalamt",
      jurisdiction: "DE",
      jurisdiction_name: "Germany",
      kind: "court_order",
      disposition: "pending",
      notification: { state: "not_yet_notified" },
      allowed_actions: ["update"],
      four_eyes: true,
    });
    expect(r.recorded_by.name).not.toBe("(unknown)");
    expect(r.tenants.map((t) => t.slug)).toEqual(["northwind-eu", "kestrel-eu"]);

    const logged = await entries(r.id);
    const [northwind, kestrel] = [await tenantId("northwind-eu"), await tenantId("kestrel-eu")];
    expect(logged.map((e) => e.tenantId).sort()).toEqual([null, kestrel, northwind].sort());
    const regionEntry = logged.find((e) => e.tenantId === null)!;
    expect(regionEntry.action).toBe("lawful_access.request_recorded");
    expect(regionEntry.details).toMatchObject({ tenant_ids: [northwind, kestrel], kind: "court_order" });
    // A tenant's entry never names the other tenant concerned.
    const northwindEntry = logged.find((e) => e.tenantId === northwind)!;
    expect(JSON.stringify(northwindEntry.details)).not.toContain(kestrel);
    expect(northwindEntry.details).not.toHaveProperty("tenant_ids");

    const told = (await world.prisma.notification.findMany({ where: { event: "lawful_access.request_recorded" } })).map(
      (n) => n.userId,
    );
    expect(told).toEqual(
      expect.arrayContaining([await world.userId(EU.northwindAdmin), await world.userId(EU.kestrelAdmin)]),
    );
    expect(told).not.toContain(await world.userId(EU.northwindViewer));
    expect(await world.count("notifications")).toBeGreaterThan(before);
  });

  it("a recorded prohibition hides the request from the tenant: no view, no tenant log entry, no notification", async () => {
    const countBefore = await world.prisma.notification.count({ where: { event: "lawful_access.request_recorded" } });
    const r = await recorded({
      kind: "national_security",
      authority: "Gag Order Authority 7c1e",
      notification: {
        state: "prohibited",
        basis: "18 U.S.C. § 2705(b) non-disclosure order",
        until: new Date(Date.now() + 90 * DAY).toISOString(),
      },
    });
    expect(r.notification.state).toBe("prohibited");
    const logged = await entries(r.id);
    expect(logged.map((e) => e.tenantId)).toEqual([null]);
    expect(await world.prisma.notification.count({ where: { event: "lawful_access.request_recorded" } })).toBe(
      countBefore,
    );
    const seen = await tenantView("northwind-eu", EU.northwindAdmin);
    expect(seen.requests.map((x) => x.id)).not.toContain(r.id);
    // Compliance officers reading through the tenant see what the tenant may be told, no more.
    const viaTenant = await tenantView("northwind-eu", EU.compliance);
    expect(viaTenant.requests.map((x) => x.id)).not.toContain(r.id);
    // The whole answer says nothing of it.
    expect(JSON.stringify(seen)).not.toContain("Gag Order Authority 7c1e");

    // Lifting it (the customer is told now): the tenant's entry and notification arrive with the change.
    const lifted = requestView.parse(
      await json(
        call(
          patch,
          send(
            `${R}/${r.id}`,
            EU.compliance,
            { notification: { state: "notified", notified_at: new Date().toISOString() } },
            "PATCH",
          ),
          { id: r.id },
        ),
      ),
    );
    expect(lifted.notification.state).toBe("notified");
    const after = await entries(r.id);
    expect(after.filter((e) => e.tenantId === null).map((e) => e.action)).toEqual([
      "lawful_access.request_recorded",
      "lawful_access.request_updated",
    ]);
    expect(after.filter((e) => e.tenantId === null)[1]!.details).toMatchObject({ changed: ["notification"] });
    expect(after.filter((e) => e.tenantId !== null).map((e) => e.action)).toEqual(["lawful_access.request_updated"]);
    expect(
      await world.prisma.notification.count({ where: { event: "lawful_access.request_recorded" } }),
    ).toBeGreaterThan(countBefore);
    expect((await tenantView("northwind-eu", EU.northwindAdmin)).requests.map((x) => x.id)).toContain(r.id);
  });

  it("a prohibition whose end date has passed no longer hides the request", async () => {
    const r = await recorded({
      received_at: new Date(Date.now() - 200 * DAY).toISOString(),
      response_due_at: null,
      notification: { state: "prohibited", basis: "Court order § 4", until: new Date(Date.now() - DAY).toISOString() },
    });
    expect(r.notification.state).toBe("not_yet_notified");
    expect((await tenantView("northwind-eu", EU.northwindAdmin)).requests.map((x) => x.id)).toContain(r.id);
  });

  it("the tenant's view: its admins and compliance officers; viewers, auditors, other tenants and provider staff are refused", async () => {
    const r = await recorded({ tenants: ["kestrel-eu"], authority: "Kestrel Only Authority" });
    const mine = await tenantView("kestrel-eu", EU.kestrelAdmin);
    const entry = mine.requests.find((x) => x.id === r.id)!;
    expect(entry).toMatchObject({ authority: "Kestrel Only Authority", kind: "court_order", state: "open" });
    // No other tenant, no staff, no prohibition, no rationale in a tenant's answer.
    expect(Object.keys(entry)).not.toContain("tenants");
    expect(Object.keys(entry)).not.toContain("recorded_by");
    expect((await tenantView("northwind-eu", EU.northwindAdmin)).requests.map((x) => x.id)).not.toContain(r.id);
    for (const [email, slug] of [
      [EU.kestrelViewer, "kestrel-eu"],
      [EU.kestrelAuditor, "kestrel-eu"],
      [EU.support, "kestrel-eu"],
      [EU.providerAdmin, "kestrel-eu"],
    ] as const) {
      const res = await call(getTenant, get(`/api/v1/tenants/${slug}/lawful-access-requests`, email), { tenant: slug });
      expect([403, 404], email).toContain(res.status);
    }
    await expectProblem(
      await call(getTenant, get("/api/v1/tenants/kestrel-eu/lawful-access-requests", EU.northwindAdmin), {
        tenant: "kestrel-eu",
      }),
      404,
      "tenant_not_found",
    );
  });

  it("four eyes on closing: the recorder is refused (403 four_eyes, nothing changed); another officer closes", async () => {
    const r = await recorded();
    expect(r.allowed_actions).toEqual(["update"]);
    const before = await snapshot();
    await expectProblem(
      await call(
        close,
        send(`${R}/${r.id}/close`, EU.compliance, { disposition: "rejected", rationale: "Overbroad." }),
        {
          id: r.id,
        },
      ),
      403,
      "four_eyes",
    );
    expect(await snapshot()).toEqual(before);

    const seenBySecond = requestView.parse(await json(call(getOne, get(`${R}/${r.id}`, EU.compliance2), { id: r.id })));
    expect(seenBySecond.allowed_actions).toEqual(["update", "close"]);
    expect(seenBySecond.four_eyes).toBe(false);

    const closed = requestView.parse(
      await json(
        call(
          close,
          send(`${R}/${r.id}/close`, EU.compliance2, {
            disposition: "partially_disclosed",
            rationale: "Disclosed account metadata only; content refused.",
          }),
          { id: r.id },
        ),
      ),
    );
    expect(closed).toMatchObject({ state: "closed", disposition: "partially_disclosed", allowed_actions: [] });
    expect(closed.closed_by?.id).toBe(await world.userId(EU.compliance2));
    expect(closed.recorded_by.id).toBe(await world.userId(EU.compliance));
    expect(closed.responded_at).not.toBeNull();

    const logged = await entries(r.id);
    const closing = logged.filter((e) => e.action === "lawful_access.request_closed");
    expect(closing.map((e) => e.tenantId).sort()).toEqual([null, await tenantId("northwind-eu")].sort());
    const tenantClosing = closing.find((e) => e.tenantId !== null)!;
    expect(tenantClosing.details).toMatchObject({ disposition: "partially_disclosed" });
    expect(JSON.stringify(tenantClosing.details)).not.toContain("content refused");
    expect(closing.find((e) => e.tenantId === null)!.details).toMatchObject({
      rationale: expect.stringContaining("content refused"),
    });
    const told = await world.prisma.notification.count({ where: { event: "lawful_access.request_closed" } });
    expect(told).toBeGreaterThan(0);

    // Closed is closed: neither a second close nor an edit.
    const frozen = await snapshot();
    await expectProblem(
      await call(close, send(`${R}/${r.id}/close`, EU.compliance2, { disposition: "disclosed", rationale: "Again." }), {
        id: r.id,
      }),
      409,
      "already_closed",
    );
    await expectProblem(
      await call(patch, send(`${R}/${r.id}`, EU.compliance2, { authority: "Someone else" }, "PATCH"), { id: r.id }),
      409,
      "already_closed",
    );
    expect(await snapshot()).toEqual(frozen);
  });

  it("only compliance officers reach the register; everyone else gets a 403 and nothing changes", async () => {
    const before = await snapshot();
    for (const email of [EU.providerAdmin, EU.support, EU.northwindAdmin, EU.northwindViewer, EU.northwindAuditor]) {
      await expectProblem(await call(record, send(R, email, lawfulRequest())), 403, "forbidden");
      await expectProblem(await call(getRegister, get(R, email)), 403, "forbidden");
    }
    expect(await snapshot()).toEqual(before);
    const list = registerView.parse(await json(call(getRegister, get(R, EU.compliance))));
    expect(list.allowed_actions).toEqual(["record", "issue_report"]);
    const open = registerView.parse(await json(call(getRegister, get(`${R}?state=open`, EU.compliance))));
    expect(open.requests.every((x) => x.state === "open")).toBe(true);
  });

  it("bad input: precise 400s, nothing changed", async () => {
    const before = await snapshot();
    const bad = async (body: Json, code: string) =>
      expectProblem(await call(record, send(R, EU.compliance, body)), 400, code);
    await bad(lawfulRequest({ jurisdiction: "XX" }), "invalid_body");
    await bad(lawfulRequest({ kind: "fishing_expedition" }), "invalid_body");
    await bad(lawfulRequest({ authority: "" }), "invalid_body");
    await bad(lawfulRequest({ tenants: ["northwind-eu", "northwind-eu"] }), "invalid_body");
    await bad(lawfulRequest({ notification: { state: "prohibited" } }), "invalid_body");
    await bad(lawfulRequest({ notification: { state: "notified" } }), "invalid_body");
    await bad(lawfulRequest({ unknown_field: 1 }), "invalid_body");
    await bad(lawfulRequest({ tenants: ["no-such-tenant"] }), "unknown_tenant");
    // Homed in another region: recorded there, not here.
    await bad(lawfulRequest({ tenants: ["northwind-gcc"] }), "unknown_tenant");
    await bad(lawfulRequest({ received_at: new Date(Date.now() + 3 * DAY).toISOString() }), "received_in_future");
    await bad(
      lawfulRequest({ responded_at: new Date(Date.now() - 20 * DAY).toISOString() }),
      "responded_before_received",
    );
    await bad(
      lawfulRequest({ notification: { state: "notified", notified_at: new Date(Date.now() + 3 * DAY).toISOString() } }),
      "notified_in_future",
    );
    expect(await snapshot()).toEqual(before);

    const r = await recorded();
    const mid = await snapshot();
    await expectProblem(
      await call(patch, send(`${R}/${r.id}`, EU.compliance, {}, "PATCH"), { id: r.id }),
      400,
      "invalid_body",
    );
    await expectProblem(
      await call(patch, send(`${R}/${r.id}`, EU.compliance, { authority: r.authority }, "PATCH"), { id: r.id }),
      400,
      "no_change",
    );
    await expectProblem(
      await call(close, send(`${R}/${r.id}/close`, EU.compliance2, { disposition: "pending", rationale: "x" }), {
        id: r.id,
      }),
      400,
      "invalid_body",
    );
    await expectProblem(
      await call(close, send(`${R}/${r.id}/close`, EU.compliance2, { disposition: "rejected" }), { id: r.id }),
      400,
      "invalid_body",
    );
    await expectProblem(
      await call(getOne, get(`${R}/not-a-request`, EU.compliance), { id: "not-a-request" }),
      404,
      "request_not_found",
    );
    expect(await snapshot()).toEqual(mid);
  });

  it("an edit while open is recorded with the fields changed, and an overdue request says so", async () => {
    const r = await recorded({
      received_at: new Date(Date.now() - 30 * DAY).toISOString(),
      response_due_at: new Date(Date.now() - DAY).toISOString(),
    });
    expect(r.overdue).toBe(true);
    const edited = requestView.parse(
      await json(
        call(
          patch,
          send(
            `${R}/${r.id}`,
            EU.compliance2,
            { responded_at: new Date().toISOString(), data_classes: ["customer_pii", "telemetry"] },
            "PATCH",
          ),
          { id: r.id },
        ),
      ),
    );
    expect(edited.overdue).toBe(false);
    expect(edited.data_classes).toEqual(["customer_pii", "telemetry"]);
    const updated = (await entries(r.id)).filter((e) => e.action === "lawful_access.request_updated");
    expect(updated.find((e) => e.tenantId === null)!.details).toMatchObject({
      changed: ["data_classes", "responded_at"],
    });
  });
});
