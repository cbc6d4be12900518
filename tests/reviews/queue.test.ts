import { describe, expect, it } from "vitest";
import { applyAlertChanges, type AlertInput } from "@/modules/lineage/server/alerts";
import { reviewItemView, reviewList, savedView, savedViewList, slaList } from "@/modules/reviews/api-schemas";
import { sweepOverdueReviews } from "@/modules/reviews/server/sweep";
import { openReviewCountFor } from "@/modules/reviews/server/nav-count";
import { reviewDeskSummary } from "@/modules/reviews/server/desk";
import { ForbiddenError } from "@/platform/errors";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { callReviews, REVIEW_ROUTES } from "./routes";

const TENANT = stableId("tenant", "northwind-eu");
const SYSTEM = { type: "system", name: "test" } as const;
const HOUR = 3_600_000;

async function json<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const alert = (subject: string): AlertInput => ({
  tenantId: TENANT,
  kind: "border_violation",
  subject,
  edgeId: null,
  datasetId: null,
  fromRegion: "eu-central-1",
  toKind: "region",
  toId: "us-east-1",
  toRegion: "us-east-1",
  dataClasses: ["customer_pii"],
  reason: "No decision allows it.",
});

/** Who gets past the policy on each route (everyone else signed in is refused with 403). */
const ALLOWED: Record<string, readonly string[]> = {
  list: [EU.compliance],
  get: [EU.compliance],
  assign: [EU.compliance],
  resolve: [EU.compliance],
  bulk: [EU.compliance],
  "get slas": [EU.compliance],
  "put slas": [EU.compliance],
  "list views": [EU.compliance],
  "create view": [EU.compliance],
  "delete view": [EU.compliance],
  "tenant list": [EU.northwindAdmin, EU.northwindViewer, EU.compliance],
};
const PEOPLE = [
  EU.northwindAdmin,
  EU.northwindViewer,
  EU.northwindAuditor,
  EU.compliance,
  EU.support,
  EU.providerAdmin,
] as const;

describe.each(DATABASE_KINDS)("the review queue's routes, SLAs and views, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1");
  const officer = () => world.token(EU.compliance);

  async function raise(subject: string): Promise<string> {
    await world.prisma.$transaction((tx) => applyAlertChanges(tx, { raise: [alert(subject)], resolve: [] }, SYSTEM));
    const row = await world.prisma.lineageAlert.findFirstOrThrow({ where: { subject } });
    return (
      await world.prisma.reviewItem.findUniqueOrThrow({
        where: { kind_sourceId: { kind: "border_violation", sourceId: row.id } },
      })
    ).id;
  }

  it("every route refuses anonymous callers (401) and every role the policy does not name (403), changing nothing", async () => {
    const before = await world.count("review_items");
    for (const r of REVIEW_ROUTES) {
      const id = r.name === "tenant list" ? "northwind-eu" : "00000000-0000-4000-8000-000000000000";
      await expectProblem(await callReviews(r.name, { id }), 401, "unauthenticated");
      for (const who of PEOPLE) {
        if (ALLOWED[r.name]!.includes(who)) continue;
        const res = await callReviews(r.name, { token: world.token(who), id });
        expect(res.status, `${r.name} as ${who}`).toBe(403);
      }
    }
    expect(await world.count("review_items")).toBe(before);
  });

  it("a new item is due after its kind's SLA; a changed SLA applies to items opened afterwards, audited, and bad SLAs are 400", async () => {
    const first = reviewItemView.parse(
      await json(callReviews("get", { token: officer(), id: await raise("edge:sla-1") })),
    );
    expect(new Date(first.due_at).getTime() - new Date(first.opened_at).getTime()).toBe(24 * HOUR);

    for (const body of [
      { slas: [{ kind: "border_violation", hours: 0 }] },
      { slas: [{ kind: "nope", hours: 5 }] },
      { slas: [] },
    ])
      await expectProblem(await callReviews("put slas", { token: officer(), body }), 400, "invalid_body");
    expect(await world.prisma.reviewSla.count()).toBe(0);

    const set = slaList.parse(
      await json(
        callReviews("put slas", { token: officer(), body: { slas: [{ kind: "border_violation", hours: 6 }] } }),
      ),
    );
    expect(set.slas.find((s) => s.kind === "border_violation")).toMatchObject({
      hours: 6,
      default_hours: 24,
      updated_by: { id: await world.userId(EU.compliance) },
    });
    const audit = await world.prisma.auditEntry.findFirstOrThrow({ where: { action: "review.sla_changed" } });
    expect(audit).toMatchObject({ tenantId: null });
    expect(audit.details).toMatchObject({ kind: "border_violation", hours: 6, previous_hours: 24 });

    const second = reviewItemView.parse(
      await json(callReviews("get", { token: officer(), id: await raise("edge:sla-2") })),
    );
    expect(new Date(second.due_at).getTime() - new Date(second.opened_at).getTime()).toBe(6 * HOUR);
    // The earlier item keeps the due date it was given.
    const again = reviewItemView.parse(await json(callReviews("get", { token: officer(), id: first.id })));
    expect(again.due_at).toBe(first.due_at);
  });

  it("the sweep tells compliance officers and the assignee once when an item goes overdue; the list filters overdue items", async () => {
    const id = await raise("edge:overdue-1");
    await json(callReviews("assign", { token: officer(), id, body: { assignee: "me" } }));
    await world.prisma.reviewItem.update({ where: { id }, data: { dueAt: new Date(Date.now() - HOUR) } });
    const overdue = reviewList.parse(await json(callReviews("list", { token: officer(), query: "overdue=true" })));
    expect(overdue.items.map((i) => i.id)).toEqual([id]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, assignee: { id: await world.userId(EU.compliance) } });

    expect(await sweepOverdueReviews()).toBe(1);
    const told = await world.prisma.notification.findMany({ where: { event: "review.item_overdue" } });
    const officers = await Promise.all([EU.compliance, EU.compliance2].map((e) => world.userId(e)));
    expect(told.map((n) => n.userId).sort()).toEqual(officers.sort());
    expect(told.every((n) => n.link === "/region/reviews?overdue=true" && n.tenantId === TENANT)).toBe(true);
    // Once: the next sweep finds nothing new.
    expect(await sweepOverdueReviews()).toBe(0);
    expect(await world.prisma.notification.count({ where: { event: "review.item_overdue" } })).toBe(told.length);
  });

  it("assign and unassign: in review, then open again; bad bodies and unknown people are 400s that change nothing", async () => {
    const id = await raise("edge:assign-1");
    for (const body of [{}, { assignee: 5 }, { assignee: "me", extra: true }])
      await expectProblem(await callReviews("assign", { token: officer(), id, body }), 400, "invalid_body");
    await expectProblem(
      await callReviews("assign", { token: officer(), id, body: { assignee: "no-such-user" } }),
      400,
      "unknown_assignee",
    );
    await expectProblem(
      await callReviews("assign", { token: officer(), id, body: { assignee: await world.userId(EU.support) } }),
      400,
      "assignee_may_not_resolve",
    );
    expect((await world.prisma.reviewItem.findUniqueOrThrow({ where: { id } })).state).toBe("open");
    const other = await world.userId(EU.compliance2);
    const handed = reviewItemView.parse(
      await json(callReviews("assign", { token: officer(), id, body: { assignee: other } })),
    );
    expect(handed).toMatchObject({ state: "in_review", assignee: { id: other } });
    const back = reviewItemView.parse(
      await json(callReviews("assign", { token: officer(), id, body: { assignee: null } })),
    );
    expect(back).toMatchObject({ state: "open", assignee: null });
    const mine = reviewList.parse(
      await json(callReviews("list", { token: officer(), query: "assignee=none&kind=border_violation" })),
    );
    expect(mine.items.some((i) => i.id === id)).toBe(true);
    for (const query of ["state=nope", "per_page=0", "page=-1", "kind=alerts", "extra=1"])
      await expectProblem(await callReviews("list", { token: officer(), query }), 400, "invalid_query");
  });

  it("resolve refuses a missing rationale, an unknown item and a malformed body, changing nothing", async () => {
    const id = await raise("edge:resolve-bad");
    const before = await world.prisma.reviewItem.findUniqueOrThrow({ where: { id } });
    await expectProblem(
      await callReviews("resolve", { token: officer(), id, body: { outcome: "remediated" } }),
      400,
      "rationale_required",
    );
    await expectProblem(
      await callReviews("resolve", { token: officer(), id, body: { outcome: "remediated", rationale: "\n\t " } }),
      400,
      "rationale_required",
    );
    await expectProblem(
      await callReviews("resolve", { token: officer(), id, body: { outcome: "remediated", rationale: "x", also: 1 } }),
      400,
      "invalid_body",
    );
    await expectProblem(
      await callReviews("resolve", {
        token: officer(),
        id: "00000000-0000-4000-8000-000000000000",
        body: { outcome: "remediated", rationale: "x" },
      }),
      404,
      "review_item_not_found",
    );
    expect(await world.prisma.reviewItem.findUniqueOrThrow({ where: { id } })).toEqual(before);
    await expectProblem(
      await callReviews("bulk", { token: officer(), body: { action: "dismiss", ids: [id] } }),
      400,
      "rationale_required",
    );
    await expectProblem(
      await callReviews("bulk", { token: officer(), body: { action: "dismiss", ids: [] } }),
      400,
      "invalid_body",
    );
    expect(await world.prisma.reviewItem.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("saved views belong to their owner: save, replace by name, list, delete; another person cannot delete them", async () => {
    const saved = savedView.parse(
      await json(
        callReviews("create view", {
          token: officer(),
          body: { name: "Overdue alerts", filters: { kind: "border_violation", overdue: "true" } },
        }),
        201,
      ),
    );
    const replaced = savedView.parse(
      await json(
        callReviews("create view", {
          token: officer(),
          body: { name: "Overdue alerts", filters: { overdue: "true" } },
        }),
        201,
      ),
    );
    expect(replaced.id).toBe(saved.id);
    expect(replaced.filters).toEqual({ overdue: "true" });
    await expectProblem(
      await callReviews("create view", { token: officer(), body: { name: " ", filters: {} } }),
      400,
      "invalid_body",
    );
    await expectProblem(
      await callReviews("create view", { token: officer(), body: { name: "x", filters: { kind: "nope" } } }),
      400,
      "invalid_body",
    );
    const list = savedViewList.parse(await json(callReviews("list views", { token: officer() })));
    expect(list.views.map((v) => v.name)).toEqual(["Overdue alerts"]);
    const other = savedViewList.parse(await json(callReviews("list views", { token: world.token(EU.compliance2) })));
    expect(other.views).toEqual([]);
    await expectProblem(
      await callReviews("delete view", { token: world.token(EU.compliance2), id: saved.id }),
      404,
      "view_not_found",
    );
    await json(callReviews("delete view", { token: officer(), id: saved.id }));
    expect(await world.prisma.reviewView.count()).toBe(0);
  });

  it("the navigation count is the open items, for compliance officers only", async () => {
    const open = await world.prisma.reviewItem.count({ where: { state: { in: ["open", "in_review"] } } });
    expect(await openReviewCountFor(await world.session(EU.compliance))).toBe(open);
    expect(await openReviewCountFor(await world.session(EU.providerAdmin))).toBeNull();
    expect(await openReviewCountFor(await world.session(EU.northwindAdmin))).toBeNull();
  });

  it("the desk counts what waits per kind, what is past due and what is the reader's, for compliance officers only", async () => {
    const me = await world.session(EU.compliance);
    const other = await world.session(EU.compliance2);
    const before = await reviewDeskSummary(me);
    const othersBefore = await reviewDeskSummary(other);
    const kindBefore = before.kinds.find((k) => k.kind === "border_violation")!;
    const [late, mine] = [await raise("edge:desk-1"), await raise("edge:desk-2")];
    await world.prisma.reviewItem.update({ where: { id: late }, data: { dueAt: new Date(Date.now() - HOUR) } });
    await json(callReviews("assign", { token: officer(), id: mine, body: { assignee: "me" } }));

    const after = await reviewDeskSummary(me);
    expect(after.open).toBe(before.open + 2);
    expect(after.overdue).toBe(before.overdue + 1);
    expect(after.mine).toBe(before.mine + 1);
    expect(after.unassigned).toBe(before.unassigned + 1);
    expect(after.kinds.find((k) => k.kind === "border_violation")).toEqual({
      kind: "border_violation",
      open: kindBefore.open + 2,
      overdue: kindBefore.overdue + 1,
    });
    // The other officer's "mine" is not the reader's.
    expect((await reviewDeskSummary(other)).mine).toBe(othersBefore.mine);
    // The total is the navigation's count: the two cannot disagree.
    expect(after.open).toBe(await openReviewCountFor(me));
    for (const who of [EU.providerAdmin, EU.northwindAdmin])
      await expect(reviewDeskSummary(await world.session(who))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
