import { beforeAll, describe, expect, it } from "vitest";
import { databaseNow } from "@/platform/db/db-time";
import { integratePending } from "@/modules/audit/server/integrator";
import { lastCompleteQuarter } from "@/modules/attestations/domain/period";
import { issueAttestationOnDemand } from "@/modules/attestations/server/issue";
import { requestScope } from "@/modules/evidence/server/scope-requests";
import { applyAlertChanges, type AlertInput } from "@/modules/lineage/server/alerts";
import { decisionStep } from "@/modules/sharing/server/workflow";
import { accessEventsBody } from "@/modules/support/api-schemas";
import { ingestAccessEvents } from "@/modules/support/server/access-ingest";
import { confirmBreakGlass } from "@/modules/support/server/decisions";
import { openBreakGlass } from "@/modules/support/server/requests";
import { proposeBody } from "@/modules/subprocessors/api-schemas/register";
import { raiseObjection } from "@/modules/subprocessors/server/objections";
import { proposeChange } from "@/modules/subprocessors/server/propose";
import { reviewItemView, reviewList, tenantReviewList } from "@/modules/reviews/api-schemas";
import { backfillReviewItems } from "@/modules/reviews/server/backfill";
import { REVIEW_KINDS, type ReviewKind } from "@/modules/reviews/domain/kinds";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { expectProblem } from "../helpers/http";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { fields, seedAnnounced } from "../subprocessors/impact-world";
import { callReviews } from "./routes";

const SLUG = "northwind-eu";
const TENANT = stableId("tenant", SLUG);
const ORIGIN = { surface: "api", path: "/api/v1/test" } as const;
const SYSTEM = { type: "system", name: "test" } as const;

async function json<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const alert = (kind: AlertInput["kind"], subject: string): AlertInput => ({
  tenantId: TENANT,
  kind,
  subject,
  edgeId: null,
  datasetId: null,
  fromRegion: "eu-central-1",
  toKind: "region",
  toId: "us-east-1",
  toRegion: "us-east-1",
  dataClasses: ["customer_pii"],
  reason:
    kind === "region_unknown"
      ? "Nobody says where s3://exports lives."
      : "No decision allows customer_pii to us-east-1.",
});

describe.each(DATABASE_KINDS)("the review queue, every kind through its source, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  const officer = () => world.token(EU.compliance);
  const officer2 = () => world.token(EU.compliance2);

  /** The open item of a source, as the queue lists it. */
  async function itemOf(k: ReviewKind, sourceId: string, token = officer()) {
    const page = reviewList.parse(await json(callReviews("list", { token, query: `kind=${k}&per_page=200` })));
    const item = page.items.find((i) => i.source_id === sourceId);
    expect(item, `${k} item for ${sourceId}`).toBeDefined();
    return item!;
  }

  async function resolve(id: string, outcome: string, rationale: string, token = officer()) {
    return reviewItemView.parse(await json(callReviews("resolve", { token, id, body: { outcome, rationale } })));
  }

  beforeAll(async () => {
    await integratePending();
  });

  it("the backfill opens an item for a sharing decision already in review; four eyes keeps its author out; approving runs the decision's review", async () => {
    // The demo's seed writes its versions straight into the tables; the backfill finds the one in review.
    await backfillReviewItems(world.prisma);
    const version = await world.prisma.sharingDecisionVersion.findFirstOrThrow({
      where: { tenantId: TENANT, status: "in_review" },
    });
    const item = await itemOf("sharing_decision", version.id);
    expect(item).toMatchObject({ kind: "sharing_decision", state: "open", tenant: { slug: SLUG } });
    const authorEmail = (await world.prisma.user.findUniqueOrThrow({ where: { id: version.authorId } })).email;
    const [author, other] = authorEmail === EU.compliance ? [officer(), officer2()] : [officer2(), officer()];
    // Its author sees no outcome to choose and is refused: 403, nothing changed.
    expect((await itemOf("sharing_decision", version.id, author)).allowed_outcomes).toEqual([]);
    await expectProblem(
      await callReviews("resolve", {
        token: author,
        id: item.id,
        body: { outcome: "approve", rationale: "Fine by me." },
      }),
      403,
      "four_eyes",
    );
    expect((await world.prisma.sharingDecisionVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe(
      "in_review",
    );
    const done = await resolve(item.id, "approve", "Adequacy decision covers it; DPA clause checked.", other);
    expect(done).toMatchObject({ state: "resolved", outcome: "approve", rationale: expect.stringMatching(/Adequacy/) });
    const after = await world.prisma.sharingDecisionVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(after.status).toBe("approved");
    expect(after.reviewedById).toBe(done.resolved_by!.id);
  });

  it("sharing_decision: submitting a draft opens the item; sending it back from the queue returns the version to draft", async () => {
    const draft = await world.prisma.sharingDecisionVersion.findFirstOrThrow({
      where: { tenantId: TENANT, status: "draft" },
    });
    await decisionStep(
      await world.session(EU.northwindAdmin),
      SLUG,
      draft.decisionId,
      "submit",
      { reason: null },
      ORIGIN,
    );
    const item = await itemOf("sharing_decision", draft.id);
    expect(item.author?.id).toBe(draft.authorId);
    await resolve(item.id, "reject", "The TIA reference is missing.");
    const after = await world.prisma.sharingDecisionVersion.findUniqueOrThrow({ where: { id: draft.id } });
    expect(after.status).toBe("draft");
    const event = await world.prisma.sharingDecisionEvent.findFirstOrThrow({
      where: { versionId: draft.id, type: "review_rejected" },
    });
    expect(event.reason).toBe("The TIA reference is missing.");
  });

  it("border_violation: claiming acknowledges the alert, resolving resolves it and it stays in history", async () => {
    await world.prisma.$transaction((tx) =>
      applyAlertChanges(tx, { raise: [alert("border_violation", "edge:review-test-1")], resolve: [] }, SYSTEM),
    );
    const row = await world.prisma.lineageAlert.findFirstOrThrow({ where: { subject: "edge:review-test-1" } });
    const item = await itemOf("border_violation", row.id);
    expect(item.title).toMatch(/customer_pii from eu-central-1 to us-east-1/);
    const claimed = reviewItemView.parse(
      await json(callReviews("assign", { token: officer(), id: item.id, body: { assignee: "me" } })),
    );
    expect(claimed).toMatchObject({ state: "in_review", assignee: { id: await world.userId(EU.compliance) } });
    const acked = await world.prisma.lineageAlert.findUniqueOrThrow({ where: { id: row.id } });
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedById: await world.userId(EU.compliance) });
    // No rationale: 400 and nothing changed.
    await expectProblem(
      await callReviews("resolve", {
        token: officer(),
        id: item.id,
        body: { outcome: "remediated", rationale: "   " },
      }),
      400,
      "rationale_required",
    );
    await expectProblem(
      await callReviews("resolve", { token: officer(), id: item.id, body: { outcome: "publish", rationale: "x" } }),
      400,
      "unknown_outcome",
    );
    expect((await world.prisma.lineageAlert.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("acknowledged");
    await resolve(item.id, "remediated", "The export job was stopped and the bucket emptied.");
    const resolved = await world.prisma.lineageAlert.findUniqueOrThrow({ where: { id: row.id } });
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt).not.toBeNull();
    const audit = await world.prisma.auditEntry.findMany({
      where: { tenantId: TENANT, subject: `review_item:${item.id}` },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["review.item_assigned", "review.item_closed"]);
    // A second decision is a conflict.
    await expectProblem(
      await callReviews("resolve", {
        token: officer2(),
        id: item.id,
        body: { outcome: "remediated", rationale: "again" },
      }),
      409,
      "already_resolved",
    );
  });

  it("region_unknown: dismissed in bulk with other findings; a sharing decision in the same batch refuses the whole batch", async () => {
    await world.prisma.$transaction((tx) =>
      applyAlertChanges(
        tx,
        {
          raise: [alert("region_unknown", "dataset:review-a"), alert("region_unknown", "dataset:review-b")],
          resolve: [],
        },
        SYSTEM,
      ),
    );
    const rows = await world.prisma.lineageAlert.findMany({
      where: { subject: { in: ["dataset:review-a", "dataset:review-b"] } },
    });
    const items = await Promise.all(rows.map((r) => itemOf("region_unknown", r.id)));
    const ids = items.map((i) => i.id);
    // A kind with its own workflow is never dismissed in bulk.
    const version = await world.prisma.sharingDecisionVersion.findFirstOrThrow({
      where: { tenantId: TENANT, status: "draft" },
    });
    await decisionStep(
      await world.session(EU.northwindAdmin),
      SLUG,
      version.decisionId,
      "submit",
      { reason: null },
      ORIGIN,
    );
    const decision = await itemOf("sharing_decision", version.id);
    await expectProblem(
      await callReviews("bulk", {
        token: officer(),
        body: { action: "dismiss", ids: [...ids, decision.id], rationale: "Test buckets." },
      }),
      400,
      "bulk_not_allowed",
    );
    // Assigning is safe for every kind: the batch assigns all three.
    const assigned = await json<{ changed: number; items: { state: string }[] }>(
      callReviews("bulk", { token: officer(), body: { action: "assign", ids: [...ids, decision.id], assignee: "me" } }),
    );
    expect(assigned.items.map((i) => i.state)).toEqual(["in_review", "in_review", "in_review"]);
    expect(
      (await world.prisma.lineageAlert.findMany({ where: { id: { in: rows.map((r) => r.id) } } })).map((a) => a.status),
    ).toEqual(["acknowledged", "acknowledged"]);
    const result = await json<{ changed: number; items: { state: string; outcome: string }[] }>(
      callReviews("bulk", {
        token: officer(),
        body: { action: "dismiss", ids, rationale: "Scratch buckets of a test." },
      }),
    );
    expect(result.changed).toBe(2);
    expect(result.items.every((i) => i.state === "dismissed" && i.outcome === "false_positive")).toBe(true);
    const after = await world.prisma.lineageAlert.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    expect(after.every((a) => a.status === "resolved")).toBe(true);
  });

  it("outside_grant_access: one item per person, tenant and day; escalating tells the customer's admins", async () => {
    const now = new Date().toISOString();
    const base = {
      tenant: SLUG,
      principal: EU.support,
      employer: "Terrane Cloud GmbH",
      office_country: "DE",
      location_country: "DE",
      data_class: "business_records",
      operation: "read",
      method: "sql_console",
      reason: "customer_initiated_support",
      time: now,
    };
    await ingestAccessEvents(
      "test-token",
      accessEventsBody.parse([
        { ...base, id: "review-out-1" },
        { ...base, id: "review-out-2" },
      ]),
    );
    const key = `${TENANT}|${EU.support}|${now.slice(0, 10)}`;
    const items = await world.prisma.reviewItem.findMany({ where: { kind: "outside_grant_access", sourceId: key } });
    expect(items).toHaveLength(1);
    const item = await itemOf("outside_grant_access", key);
    expect(item.author?.id).toBe(await world.userId(EU.support));
    const adminId = await world.userId(EU.northwindAdmin);
    const before = await world.prisma.notification.count({ where: { userId: adminId } });
    const done = await resolve(item.id, "escalated", "No ticket explains these reads.");
    expect(done.state).toBe("resolved");
    expect(await world.prisma.notification.count({ where: { userId: adminId } })).toBe(before + 1);
  });

  it("break_glass: opening it opens the item; resolving records the break-glass review on the request", async () => {
    const opened = await openBreakGlass(
      await world.session(EU.support),
      SLUG,
      {
        scope: { stores: [], data_classes: ["business_records"], access: "read" },
        reason: "production_alert_response",
        detail: "P1 alert: the tracking index is corrupt.",
        duration_minutes: 30,
      },
      ORIGIN,
    );
    expect(await world.prisma.reviewItem.count({ where: { kind: "break_glass", sourceId: opened.id } })).toBe(0);
    await confirmBreakGlass(await world.session(EU.providerAdmin), SLUG, opened.id, ORIGIN);
    const item = await itemOf("break_glass", opened.id);
    await resolve(item.id, "reviewed", "Alert P1-771 justified it; reads only.");
    const request = await world.prisma.supportRequest.findUniqueOrThrow({ where: { id: opened.id } });
    expect(request).toMatchObject({
      reviewedById: await world.userId(EU.compliance),
      reviewRationale: "Alert P1-771 justified it; reads only.",
    });
  });

  it("subprocessor_change: a proposal opens a region-wide item; approving from the queue announces the change", async () => {
    const proposed = await proposeChange(
      await world.session(EU.providerAdmin),
      proposeBody.parse({ ...fields({ name: "Intercom", data_classes: ["support_content"] }) }),
    );
    const item = await itemOf("subprocessor_change", proposed.change_id);
    expect(item).toMatchObject({ tenant: null, title: "Add Intercom" });
    await resolve(item.id, "approve", "DPA and SCCs checked.");
    const change = await world.prisma.subprocessorChange.findUniqueOrThrow({ where: { id: proposed.change_id } });
    expect(change).toMatchObject({ state: "announced", reviewNote: "DPA and SCCs checked." });
  });

  it("subprocessor_objection: an objection opens the item; resolving from the queue resolves the objection", async () => {
    const { changeId } = await seedAnnounced(world.prisma, {
      after: { name: "Mailgrid" },
      authorId: await world.userId(EU.providerAdmin),
    });
    const objection = await raiseObjection(
      await world.session(EU.northwindAdmin),
      SLUG,
      { change_id: changeId, reason: "Our data must stay in the EU." },
      ORIGIN,
    );
    const item = await itemOf("subprocessor_objection", objection.id);
    await resolve(item.id, "accepted_after_explanation", "Mailgrid only sees hashed addresses.");
    const row = await world.prisma.subprocessorObjection.findUniqueOrThrow({ where: { id: objection.id } });
    expect(row).toMatchObject({ state: "resolved", outcome: "accepted_after_explanation" });
  });

  it("attestation: a quarterly draft opens the item; its requester may not publish it; another officer does", async () => {
    const now = await databaseNow(world.prisma);
    const q = lastCompleteQuarter(now);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const draft = await issueAttestationOnDemand(
      await world.session(EU.compliance),
      SLUG,
      { from: day(q.from), to: day(q.to) },
      ORIGIN,
    );
    const item = await itemOf("attestation", draft.id);
    await expectProblem(
      await callReviews("resolve", { token: officer(), id: item.id, body: { outcome: "publish", rationale: "ok" } }),
      403,
      "four_eyes",
    );
    // Nor can it be assigned to them.
    await expectProblem(
      await callReviews("assign", {
        token: officer2(),
        id: item.id,
        body: { assignee: await world.userId(EU.compliance) },
      }),
      400,
      "assignee_may_not_resolve",
    );
    await resolve(item.id, "publish", "Figures match the lineage register.", officer2());
    expect((await world.prisma.attestation.findUniqueOrThrow({ where: { id: draft.id } })).state).toBe("published");
  });

  it("scope_request: an auditor's request opens the item; approving from the queue widens the engagement", async () => {
    const now = await databaseNow(world.prisma);
    const y = now.getUTCFullYear();
    const asked = await requestScope(
      await world.session(EU.northwindAuditor),
      SLUG,
      { access: "evidence", from: `${y - 3}-01-01`, to: `${y + 1}-01-01`, reason: "The audit covers three years." },
      ORIGIN,
    );
    const item = await itemOf("scope_request", asked.id);
    await resolve(item.id, "approve", "Three-year audit agreed in the engagement letter.");
    const row = await world.prisma.auditorScopeRequest.findUniqueOrThrow({ where: { id: asked.id } });
    expect(row.status).toBe("approved");
  });

  it("every kind has been created by its source and closed through the queue; the tenant sees its items and outcomes", async () => {
    const closed = await world.prisma.reviewItem.groupBy({
      by: ["kind"],
      where: { state: { in: ["resolved", "dismissed"] } },
      _count: true,
    });
    expect(closed.map((c) => c.kind).sort()).toEqual([...REVIEW_KINDS].sort());
    const mine = tenantReviewList.parse(
      await json(callReviews("tenant list", { token: world.token(EU.northwindViewer), id: SLUG })),
    );
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.kind !== "subprocessor_change")).toBe(true);
    const escalated = mine.items.find((i) => i.outcome === "escalated");
    expect(escalated).toMatchObject({
      rationale: "No ticket explains these reads.",
      resolved_by: { name: expect.any(String) },
    });
    // Another tenant's people see none of them.
    const kestrel = tenantReviewList.parse(
      await json(callReviews("tenant list", { token: world.token(EU.kestrelAdmin), id: "kestrel-eu" })),
    );
    expect(kestrel.items.some((i) => mine.items.some((m) => m.id === i.id))).toBe(false);
  });
});
