import { describe, expect, it } from "vitest";
import { GET as getRegister, POST as propose } from "@/app/api/v1/region/subprocessors/route";
import { GET as getChange } from "@/app/api/v1/region/subprocessor-changes/[id]/route";
import { POST as approve } from "@/app/api/v1/region/subprocessor-changes/[id]/approve/route";
import { POST as reject } from "@/app/api/v1/region/subprocessor-changes/[id]/reject/route";
import { POST as withdraw } from "@/app/api/v1/region/subprocessor-changes/[id]/withdraw/route";
import { GET as getSettings, PUT as putSettings } from "@/app/api/v1/region/subprocessor-settings/route";
import { applyDueChanges } from "@/modules/subprocessors/server/apply";
import { DATABASE_KINDS } from "../helpers/databases";
import { bearer, call, expectProblem, request } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";

type Json = Record<string, unknown>;
type Change = Json & { id: string; state: string; effective_at: string | null; allowed_actions: string[] };

const DAY = 86_400_000;

export const newSubprocessor = (over: Json = {}) => ({
  name: "Mailgrid",
  legal_entity: "Mailgrid Europe GmbH",
  service: "Transactional e-mail",
  purpose: "Sends notification e-mails to the customer's users.",
  data_classes: ["customer_pii"],
  locations: ["DE", "US"],
  storage_regions: ["eu-central-1"],
  transfer_mechanism: "sccs",
  scc_module: 2,
  dpa_date: "2026-10-01",
  certifications: ["ISO/IEC 27001"],
  key_custody: ["byok"],
  website: "https://mailgrid.example/dpa",
  ...over,
});

describe.each(DATABASE_KINDS)("the subprocessor register's lifecycle, through the routes, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");
  const t = (email: string) => bearer(world.token(email));

  async function json<T = Json>(response: Response | Promise<Response>, status = 200): Promise<T> {
    const r = await response;
    const text = await r.text();
    expect(r.status, text).toBe(status);
    return JSON.parse(text) as T;
  }

  const post = (path: string, email: string, body: unknown) =>
    request(path, {
      method: "POST",
      headers: { ...t(email), "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  async function proposed(body: Json, email: string = EU.providerAdmin): Promise<Change> {
    const answer = await json<{ change_id: string; state: string; change: Change }>(
      call(propose, post("/api/v1/region/subprocessors", email, body)),
      201,
    );
    expect(answer.state).toBe("proposed");
    return answer.change;
  }

  const decide = (verb: "approve" | "reject" | "withdraw", id: string, email: string, body: Json = {}) => {
    const handler = { approve, reject, withdraw }[verb];
    return call(handler, post(`/api/v1/region/subprocessor-changes/${id}/${verb}`, email, body), { id });
  };

  async function dbNow(): Promise<number> {
    const [row] = await world.prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    return row!.now.getTime();
  }

  async function auditActions(subject: string): Promise<string[]> {
    const rows = await world.prisma.$queryRaw<{ action: string }[]>`
      SELECT action FROM audit_entries WHERE subject = ${subject} ORDER BY seq`;
    return rows.map((r) => r.action);
  }

  it("a new subprocessor is proposed, announced by a second person with the 30-day notice, and active at its date on the database clock", async () => {
    const change = await proposed(newSubprocessor());
    expect(change).toMatchObject({ kind: "add", state: "proposed", subprocessor_id: "mailgrid", needs_notice: true });
    expect(change.allowed_actions).toEqual(["withdraw"]);
    // Nothing is in the register until review.
    expect(await world.prisma.subprocessor.count({ where: { id: "mailgrid" } })).toBe(0);

    const asOfficer = await json<Change>(
      call(getChange, request(`/api/v1/region/subprocessor-changes/${change.id}`, { headers: t(EU.compliance) }), {
        id: change.id,
      }),
    );
    expect(asOfficer.allowed_actions).toEqual(["approve", "reject"]);
    expect((asOfficer.diff as { field: string }[]).map((d) => d.field)).toContain("data_classes");

    const before = await dbNow();
    const announced = await json<Change>(decide("approve", change.id, EU.compliance, { note: "TIA on file." }));
    expect(announced.state).toBe("announced");
    const effective = new Date(announced.effective_at!).getTime();
    expect(effective - before).toBeGreaterThanOrEqual(30 * DAY - 5_000);
    expect(effective - before).toBeLessThan(30 * DAY + 60_000);
    expect(announced.reviewer).toMatchObject({ name: expect.any(String) });
    const row = await world.prisma.subprocessor.findUniqueOrThrow({ where: { id: "mailgrid" } });
    expect(row.status).toBe("announced");
    expect(row.effectiveAt.toISOString()).toBe(announced.effective_at);

    // The sweep does nothing before the date…
    expect(await applyDueChanges()).toBe(0);
    // …and applies it once the database's clock has passed it.
    await world.prisma
      .$executeRaw`UPDATE subprocessor_changes SET effective_at = now() - interval '1 second' WHERE id = ${change.id}`;
    expect(await applyDueChanges()).toBe(1);
    expect(await applyDueChanges()).toBe(0);
    const active = await world.prisma.subprocessor.findUniqueOrThrow({ where: { id: "mailgrid" } });
    expect(active.status).toBe("active");
    const done = await world.prisma.subprocessorChange.findUniqueOrThrow({ where: { id: change.id } });
    expect(done.state).toBe("effective");
    expect(done.appliedAt).not.toBeNull();
    const actions = await auditActions(`subprocessor_change:${change.id}`);
    expect(actions.filter((a) => a !== "subprocessor.unallowed_transfer_flagged")).toEqual([
      "subprocessor.change_proposed",
      "subprocessor.change_approved",
      "subprocessor.change_effective",
    ]);
    // Customer personal data to the US: every seeded tenant holding it without a decision is flagged, on its own log.
    const flagged = await world.prisma.$queryRaw<{ tenant_id: string | null }[]>`
      SELECT tenant_id FROM audit_entries WHERE subject = ${`subprocessor_change:${change.id}`} AND action = 'subprocessor.unallowed_transfer_flagged'`;
    expect(flagged.length).toBeGreaterThan(0);
    for (const f of flagged) expect(f.tenant_id).not.toBeNull();
  });

  it("a change that gives a subprocessor more data waits for the notice; one that gives it less takes effect at approval; retirement too", async () => {
    const add = await proposed(newSubprocessor({ name: "Ledgerbox", data_classes: ["business_records"] }));
    await json(decide("approve", add.id, EU.compliance));
    await world.prisma.$executeRaw`UPDATE subprocessor_changes SET effective_at = now() WHERE id = ${add.id}`;
    await applyDueChanges();

    const wider = await proposed(
      newSubprocessor({ id: "ledgerbox", name: "Ledgerbox", data_classes: ["business_records", "payment_data"] }),
    );
    expect(wider).toMatchObject({ kind: "change", needs_notice: true });
    expect(wider.diff).toEqual([
      expect.objectContaining({ field: "data_classes", added: ["payment_data"], removed: [] }),
    ]);
    // One open change per subprocessor.
    await expectProblem(
      await call(
        propose,
        post(
          "/api/v1/region/subprocessors",
          EU.providerAdmin,
          newSubprocessor({ id: "ledgerbox", name: "Ledgerbox", purpose: "Other words." }),
        ),
      ),
      409,
      "change_pending",
    );
    await json(decide("withdraw", wider.id, EU.providerAdmin));

    const narrower = await proposed(
      newSubprocessor({ id: "ledgerbox", name: "Ledgerbox", data_classes: ["business_records"], locations: ["DE"] }),
    );
    expect(narrower.needs_notice).toBe(false);
    const applied = await json<Change>(decide("approve", narrower.id, EU.compliance));
    expect(applied.state).toBe("effective");
    expect((await world.prisma.subprocessor.findUniqueOrThrow({ where: { id: "ledgerbox" } })).locations).toEqual([
      "DE",
    ]);

    const retire = await proposed({ id: "ledgerbox", status: "retired" });
    expect(retire).toMatchObject({ kind: "retire", needs_notice: false });
    expect((await json<Change>(decide("approve", retire.id, EU.compliance))).state).toBe("effective");
    expect((await world.prisma.subprocessor.findUniqueOrThrow({ where: { id: "ledgerbox" } })).status).toBe("retired");
    await expectProblem(
      await call(
        propose,
        post("/api/v1/region/subprocessors", EU.providerAdmin, { id: "ledgerbox", status: "retired" }),
      ),
      409,
      "retired",
    );
  });

  it("a date inside the notice period is refused unless urgent; the urgent path is announced with the shorter date", async () => {
    const soon = new Date((await dbNow()) + 5 * DAY).toISOString();
    const changesBefore = await world.count("subprocessor_changes");
    const refused = await expectProblem(
      await call(
        propose,
        post(
          "/api/v1/region/subprocessors",
          EU.providerAdmin,
          newSubprocessor({ name: "Quickcall", effective_at: soon }),
        ),
      ),
      400,
      "inside_notice_period",
    );
    expect(refused.detail).toMatch(/30-day notice period/);
    expect(await world.count("subprocessor_changes")).toBe(changesBefore);

    const urgent = await proposed(
      newSubprocessor({
        name: "Quickcall",
        effective_at: soon,
        urgent_reason: "Mailgrid's outage: replacement needed now.",
      }),
    );
    const announced = await json<Change>(decide("approve", urgent.id, EU.compliance));
    expect(announced).toMatchObject({ state: "announced", effective_at: soon, shortened: true });
  });

  it("four eyes: the author never reviews; a rejection needs a note; decided changes stay decided", async () => {
    const change = await proposed(newSubprocessor({ name: "Selfcheck" }));
    // The same person as author and reviewer: make the compliance officer the change's author.
    const officer = await world.userId(EU.compliance);
    await world.prisma.subprocessorChange.update({ where: { id: change.id }, data: { authorId: officer } });
    await expectProblem(await decide("approve", change.id, EU.compliance), 403, "four_eyes");
    const view = await json<Change>(
      call(getChange, request(`/api/v1/region/subprocessor-changes/${change.id}`, { headers: t(EU.compliance) }), {
        id: change.id,
      }),
    );
    expect(view).toMatchObject({ four_eyes: true, allowed_actions: [] });
    await expectProblem(await decide("reject", change.id, EU.compliance2, {}), 400, "invalid_body");
    const rejected = await json<Change>(decide("reject", change.id, EU.compliance2, { note: "No DPA yet." }));
    expect(rejected).toMatchObject({ state: "rejected", review_note: "No DPA yet." });
    await expectProblem(await decide("approve", change.id, EU.compliance2), 409, "already_decided");
  });

  it("withdrawing an announced new subprocessor takes it out of the register", async () => {
    const change = await proposed(newSubprocessor({ name: "Briefly" }));
    await json(decide("approve", change.id, EU.compliance));
    expect(await world.prisma.subprocessor.count({ where: { id: "briefly" } })).toBe(1);
    const withdrawn = await json<Change>(
      decide("withdraw", change.id, EU.providerAdmin, { note: "Contract fell through." }),
    );
    expect(withdrawn.state).toBe("withdrawn");
    expect(await world.prisma.subprocessor.count({ where: { id: "briefly" } })).toBe(0);
    await expectProblem(await decide("withdraw", change.id, EU.providerAdmin), 409, "already_decided");
  });

  it.each([
    ["an unknown country", { locations: ["XX"] }, "invalid_body"],
    ["an unknown transfer mechanism", { transfer_mechanism: "hope" }, "invalid_body"],
    ["an unknown storage region", { storage_regions: ["mars-north-1"] }, "unknown_region"],
    ["an unknown data class", { data_classes: ["horoscopes"] }, "unknown_data_class"],
    ["SCCs without a module", { scc_module: null }, "scc_module_required"],
    ["a module without SCCs", { transfer_mechanism: "adequacy" }, "scc_module_not_applicable"],
    ["an http website", { website: "http://mailgrid.example" }, "invalid_body"],
    ["an urgent reason with no date inside the notice", { urgent_reason: "Because." }, "urgent_reason_not_needed"],
    ["a name already in the register", { name: "MAILGRID" }, "name_taken"],
  ])("refuses %s precisely and changes nothing", async (_what, over, code) => {
    if (code === "name_taken") {
      // Make sure the name is taken whatever ran before.
      if ((await world.prisma.subprocessor.count({ where: { name: "Mailgrid" } })) === 0) {
        const c = await proposed(newSubprocessor());
        await json(decide("approve", c.id, EU.compliance));
      }
    }
    const before = await world.count("subprocessor_changes");
    const auditBefore = await world.count("audit_entries");
    const body = { ...newSubprocessor({ name: "Refusable" }), ...over };
    await expectProblem(
      await call(propose, post("/api/v1/region/subprocessors", EU.providerAdmin, body)),
      code === "name_taken" ? 409 : 400,
      code,
    );
    expect(await world.count("subprocessor_changes")).toBe(before);
    expect(await world.count("audit_entries")).toBe(auditBefore);
  });

  it("settings: provider admins set the notice and objection days, audited; the next approval uses them", async () => {
    const set = await json<Json>(
      call(
        putSettings,
        request("/api/v1/region/subprocessor-settings", {
          method: "PUT",
          headers: { ...t(EU.providerAdmin), "content-type": "application/json" },
          body: JSON.stringify({ notice_days: 45, objection_days: 14 }),
        }),
      ),
    );
    expect(set).toMatchObject({ notice_days: 45, objection_days: 14 });
    await expectProblem(
      await call(
        putSettings,
        request("/api/v1/region/subprocessor-settings", {
          method: "PUT",
          headers: { ...t(EU.providerAdmin), "content-type": "application/json" },
          body: JSON.stringify({ notice_days: 400, objection_days: 14 }),
        }),
      ),
      400,
      "invalid_body",
    );
    expect(
      await json<Json>(
        call(getSettings, request("/api/v1/region/subprocessor-settings", { headers: t(EU.compliance) })),
      ),
    ).toMatchObject({ notice_days: 45 });
    const change = await proposed(newSubprocessor({ name: "Longnotice" }));
    const before = await dbNow();
    const announced = await json<Change>(decide("approve", change.id, EU.compliance));
    expect(new Date(announced.effective_at!).getTime() - before).toBeGreaterThanOrEqual(45 * DAY - 5_000);
    await json(
      call(
        putSettings,
        request("/api/v1/region/subprocessor-settings", {
          method: "PUT",
          headers: { ...t(EU.providerAdmin), "content-type": "application/json" },
          body: JSON.stringify({ notice_days: 30, objection_days: 30 }),
        }),
      ),
    );
  });

  it("each route answers only the roles the policy names", async () => {
    const change = await proposed(newSubprocessor({ name: "Matrixco" }));
    const everyone = [
      EU.providerAdmin,
      EU.compliance,
      EU.support,
      EU.northwindAdmin,
      EU.northwindViewer,
      EU.northwindAuditor,
    ];
    const allowed: Record<"register" | "propose" | "review" | "settings", string[]> = {
      register: [EU.providerAdmin, EU.compliance],
      propose: [EU.providerAdmin],
      review: [EU.compliance],
      settings: [EU.providerAdmin],
    };
    for (const who of everyone) {
      const register = await call(getRegister, request("/api/v1/region/subprocessors", { headers: t(who) }));
      expect(register.status, `${who} GET register`).toBe(allowed.register.includes(who) ? 200 : 403);
      if (!allowed.propose.includes(who))
        await expectProblem(
          await call(propose, post("/api/v1/region/subprocessors", who, newSubprocessor({ name: "Nope" }))),
          403,
          "forbidden",
        );
      if (!allowed.review.includes(who)) {
        await expectProblem(await decide("approve", change.id, who), 403, "forbidden");
        await expectProblem(await decide("reject", change.id, who, { note: "no" }), 403, "forbidden");
      }
      if (!allowed.settings.includes(who)) {
        const put = await call(
          putSettings,
          request("/api/v1/region/subprocessor-settings", {
            method: "PUT",
            headers: { ...t(who), "content-type": "application/json" },
            body: JSON.stringify({ notice_days: 1, objection_days: 1 }),
          }),
        );
        await expectProblem(put, 403, "forbidden");
        if (!allowed.register.includes(who))
          await expectProblem(await decide("withdraw", change.id, who), 403, "forbidden");
      }
    }
    const anonymous = await call(getRegister, request("/api/v1/region/subprocessors"));
    expect(anonymous.status).toBe(401);
    expect((await world.prisma.subprocessorChange.findUniqueOrThrow({ where: { id: change.id } })).state).toBe(
      "proposed",
    );
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("concurrent approvals on PostgreSQL", () => {
  const world = useSeededRegion("postgres", "eu-central-1");

  it("two compliance officers approving at once announce the change once", async () => {
    const body = JSON.stringify(newSubprocessor({ name: "Racer" }));
    const created = await call(
      propose,
      request("/api/v1/region/subprocessors", {
        method: "POST",
        headers: { ...bearer(world.token(EU.providerAdmin)), "content-type": "application/json" },
        body,
      }),
    );
    const { change_id: id } = (await created.json()) as { change_id: string };
    const approveAs = (email: string) =>
      call(
        approve,
        request(`/api/v1/region/subprocessor-changes/${id}/approve`, {
          method: "POST",
          headers: { ...bearer(world.token(email)), "content-type": "application/json" },
          body: "{}",
        }),
        { id },
      );
    const answers = await Promise.all([approveAs(EU.compliance), approveAs(EU.compliance2)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [audits] = await world.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*)::bigint AS n FROM audit_entries WHERE subject = ${`subprocessor_change:${id}`} AND action = 'subprocessor.change_approved'`;
    expect(Number(audits!.n)).toBe(1);
    expect(await world.prisma.subprocessor.count({ where: { name: "Racer" } })).toBe(1);
  });
});

describe("the demo register", () => {
  const world = useSeededRegion("embedded", "eu-central-1", { subprocessors: true });

  it("holds five subprocessors in force and one announced inside its notice period, brought in by the workflow", async () => {
    const rows = await world.prisma.subprocessor.findMany({ orderBy: { name: "asc" } });
    expect(rows.filter((r) => r.status === "active").map((r) => r.name)).toEqual([
      "Amazon Web Services",
      "Postmark",
      "Snowflake Analytics",
      "Stripe",
      "Zendesk",
    ]);
    const announced = await world.prisma.subprocessorChange.findMany({ where: { state: "announced" } });
    expect(announced).toHaveLength(1);
    expect(announced[0]!.effectiveAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(announced[0]!.reviewerId).not.toBe(announced[0]!.authorId);
    expect(rows.find((r) => r.id === announced[0]!.subprocessorId)?.status).toBe("announced");
  });
});
