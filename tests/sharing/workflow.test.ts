import { describe, expect, it } from "vitest";
import type { UserActor } from "@/platform/auth/actor";
import { createDecision, editDecision } from "@/modules/sharing/server/decisions";
import { evaluateFlow } from "@/modules/sharing/server/evaluate";
import { getDecision } from "@/modules/sharing/server/read";
import { decisionStep, type StepName } from "@/modules/sharing/server/workflow";
import type { CreateDecisionInput } from "@/modules/sharing/domain/input";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { EU, useSeededRegion } from "../helpers/seeded-region";
import { sharingTotals } from "./routes";

const SLUG = "northwind-eu";
const TENANT = stableId("tenant", SLUG);
const ORIGIN = { surface: "api" as const, path: "/test" };
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

function draft(dataClass: string, overrides: Partial<CreateDecisionInput> = {}): CreateDecisionInput {
  return {
    data_class: dataClass,
    destination: { kind: "region", id: "us-east-1" },
    outcome: "allow_aggregates",
    legal_basis: "sccs",
    tia_ref: "TIA-W-1",
    dpa_clause: "DPA §8",
    effective_from: inDays(-1),
    ...overrides,
  };
}

const usageFlow = (dataClass: string, at = new Date()) => ({
  dataClasses: [dataClass],
  from: { region: "eu-central-1" },
  to: { kind: "region" as const, id: "us-east-1" },
  at,
});

describe.each(DATABASE_KINDS)("sharing decision workflow on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { decisions: true });
  const as = (email: string) => world.session(email);
  const step = async (who: string, id: string, name: StepName, reason: string | null = null) =>
    decisionStep(await as(who), SLUG, id, name, { reason }, ORIGIN);

  /** `attempt` is refused with `status`/`code`, and no sharing row or audit entry changes. */
  async function refused(attempt: () => Promise<unknown>, status: number, code: string) {
    const before = await sharingTotals(world.prisma);
    await expect(attempt()).rejects.toMatchObject({ status, code });
    expect(await sharingTotals(world.prisma)).toEqual(before);
  }

  it("each decision says what its reader may do now (allowed_actions): state from the workflow, role and four eyes from the policy", async () => {
    const created = await createDecision(
      await as(EU.compliance),
      SLUG,
      draft("product_catalogue", { destination: { kind: "region", id: "af-south-1" } }),
      ORIGIN,
    );
    const id = created.id;
    const offered = async (who: string) => {
      const d = await getDecision(await as(who), SLUG, id, ORIGIN);
      return { allowed: d.allowed_actions, fourEyes: d.four_eyes };
    };
    expect(created.allowed_actions).toEqual(["submit", "withdraw", "edit"]);
    expect(await offered(EU.northwindAdmin)).toEqual({ allowed: ["submit", "withdraw", "edit"], fourEyes: false });
    expect(await offered(EU.northwindViewer)).toEqual({ allowed: [], fourEyes: false });

    const submitted = await step(EU.compliance, id, "submit");
    // The author is a reviewer of the tenant, but not of this version.
    expect(submitted.allowed_actions).toEqual(["withdraw"]);
    expect(submitted.four_eyes).toBe(true);
    expect(await offered(EU.compliance2)).toEqual({
      allowed: ["approve", "reject-review", "withdraw"],
      fourEyes: false,
    });
    expect(await offered(EU.northwindAdmin)).toEqual({ allowed: ["withdraw"], fourEyes: false });

    await step(EU.compliance2, id, "approve");
    expect(await offered(EU.northwindAdmin)).toEqual({ allowed: ["accept", "reject", "withdraw"], fourEyes: false });
    expect(await offered(EU.compliance2)).toEqual({ allowed: ["withdraw"], fourEyes: false });

    const accepted = await step(EU.northwindAdmin, id, "accept");
    // Nothing in the workflow: those who draft may propose a change.
    expect(accepted.allowed_actions).toEqual(["propose"]);
    expect(await offered(EU.northwindViewer)).toEqual({ allowed: [], fourEyes: false });
  });

  it("four eyes: the author cannot review, a second compliance officer can; the customer admin accepts; then it is in force", async () => {
    const before = await sharingTotals(world.prisma);
    const created = await createDecision(await as(EU.compliance), SLUG, draft("usage_telemetry"), ORIGIN);
    expect(created.pending).toMatchObject({ version: 1, state: "draft", outcome: "allow_aggregates" });
    const id = created.id;
    await step(EU.compliance, id, "submit");

    await refused(() => step(EU.compliance, id, "approve"), 403, "four_eyes");
    await refused(() => step(EU.compliance, id, "rejectReview", "mine"), 403, "four_eyes");
    await refused(() => step(EU.northwindAdmin, id, "approve"), 403, "forbidden");
    const approved = await step(EU.compliance2, id, "approve");
    expect(approved.pending).toMatchObject({ state: "approved", reviewed_by_id: await world.userId(EU.compliance2) });

    // Approved is not in force: the customer has not accepted it.
    expect((await evaluateFlow(TENANT, usageFlow("usage_telemetry"))).outcome).toBe("violation");
    await refused(() => step(EU.compliance2, id, "accept"), 403, "forbidden");
    await refused(() => step(EU.northwindViewer, id, "accept"), 403, "forbidden");

    const accepted = await step(EU.northwindAdmin, id, "accept");
    expect(accepted).toMatchObject({
      effective_outcome: "allow_aggregates",
      pending: null,
      in_force: { version: 1, state: "in_force" },
    });
    const result = await evaluateFlow(TENANT, usageFlow("usage_telemetry"));
    expect(result).toMatchObject({ outcome: "allowed_with_condition", decisions: [id] });

    expect(accepted.versions[0]!.events.map((e) => [e.type, e.actor.role])).toEqual([
      ["created", "compliance_officer"],
      ["submitted", "compliance_officer"],
      ["approved", "compliance_officer"],
      ["accepted", "customer_admin"],
    ]);
    const audit = await world.prisma.auditEntry.findMany({
      where: { subject: `sharing_decision:${id}` },
      orderBy: { seq: "asc" },
      select: { action: true, tenantId: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "sharing_decision.created",
      "sharing_decision.submitted",
      "sharing_decision.approved",
      "sharing_decision.accepted",
    ]);
    expect(audit.every((a) => a.tenantId === TENANT)).toBe(true);
    const after = await sharingTotals(world.prisma);
    expect({
      decisions: after.decisions - before.decisions,
      events: after.events - before.events,
      audit: after.audit - before.audit,
    }).toEqual({ decisions: 1, events: 4, audit: 4 });
  });

  it("four eyes covers editors too: a compliance officer who edited a customer's draft cannot review it", async () => {
    const { id } = await createDecision(
      await as(EU.northwindAdmin),
      SLUG,
      draft("employee_data", { outcome: "allow", legal_basis: "bcrs", tia_ref: "TIA-BCR" }),
      ORIGIN,
    );
    await editDecision(await as(EU.compliance2), SLUG, id, { notes: "BCR scope checked" }, ORIGIN);
    await step(EU.northwindAdmin, id, "submit");
    await refused(() => step(EU.compliance2, id, "approve"), 403, "four_eyes");
    const rejected = await step(EU.compliance, id, "rejectReview", "The TIA predates the new BCR annex.");
    expect(rejected.pending).toMatchObject({ state: "draft", submitted_at: null });
    expect(rejected.versions[0]!.events.at(-1)).toMatchObject({
      type: "review_rejected",
      reason: "The TIA predates the new BCR annex.",
    });
    await step(EU.northwindAdmin, id, "submit");
    await step(EU.compliance, id, "approve");
    const back = await step(EU.northwindAdmin, id, "reject", "Legal wants clause 8.2 cited.");
    expect(back.pending).toMatchObject({ state: "draft", reviewed_by_id: null });
    expect(
      (
        await world.prisma.auditEntry.findFirstOrThrow({
          where: { subject: `sharing_decision:${id}`, action: "sharing_decision.rejected" },
        })
      ).details,
    ).toMatchObject({ reason: "Legal wants clause 8.2 cited." });
  });

  it("a step pinned to the content it was shown is refused once that version changed under the same number; the audit entry records the digest", async () => {
    const { id } = await createDecision(
      await as(EU.compliance),
      SLUG,
      draft("government_id", { outcome: "allow_pseudonymised" }),
      ORIGIN,
    );
    await step(EU.compliance, id, "submit");
    const shownToReviewer = (await getDecision(await as(EU.compliance2), SLUG, id, ORIGIN)).pending!;
    expect(shownToReviewer.content_digest).toMatch(/^[0-9a-f]{64}$/);
    const approved = await decisionStep(
      await as(EU.compliance2),
      SLUG,
      id,
      "approve",
      { reason: null, contentDigest: shownToReviewer.content_digest },
      ORIGIN,
    );
    const shownToCustomer = approved.pending!;
    expect(shownToCustomer.content_digest).toBe(shownToReviewer.content_digest);

    // While the customer admin reads it, it is sent back, widened to "allow" and approved again: still version 1.
    await step(EU.northwindAdmin, id, "reject", "Please reconsider");
    await editDecision(await as(EU.compliance), SLUG, id, { outcome: "allow" }, ORIGIN);
    await step(EU.compliance, id, "submit");
    const reapproved = await step(EU.compliance2, id, "approve");
    expect(reapproved.pending).toMatchObject({ version: 1, state: "approved", outcome: "allow" });
    expect(reapproved.pending!.content_digest).not.toBe(shownToCustomer.content_digest);

    await refused(
      () =>
        as(EU.northwindAdmin).then((admin) =>
          decisionStep(
            admin,
            SLUG,
            id,
            "accept",
            { reason: null, contentDigest: shownToCustomer.content_digest },
            ORIGIN,
          ),
        ),
      409,
      "decision_changed",
    );
    const accepted = await decisionStep(
      await as(EU.northwindAdmin),
      SLUG,
      id,
      "accept",
      { reason: null, contentDigest: reapproved.pending!.content_digest },
      ORIGIN,
    );
    expect(accepted.in_force).toMatchObject({
      version: 1,
      outcome: "allow",
      content_digest: reapproved.pending!.content_digest,
    });
    const entry = await world.prisma.auditEntry.findFirst({
      where: { subject: `sharing_decision:${id}`, action: "sharing_decision.accepted" },
      select: { details: true },
    });
    expect(entry?.details).toMatchObject({ content_digest: reapproved.pending!.content_digest });
  });

  it("an edit pinned to the version it was made from is refused once that version changed, or once someone else started a draft", async () => {
    const officer = await as(EU.compliance);
    const { id, pending } = await createDecision(
      officer,
      SLUG,
      draft("payment_data", {
        outcome: "allow_aggregates",
        destination: { kind: "partner", id: "Pin Test Ltd", location: "DE" },
      }),
      ORIGIN,
    );
    const shown = pending!.content_digest;
    await editDecision(await as(EU.northwindAdmin), SLUG, id, { notes: "changed by the customer" }, ORIGIN, shown);
    await refused(() => editDecision(officer, SLUG, id, { notes: "mine" }, ORIGIN, shown), 409, "decision_changed");

    // Put it in force, then two people propose changes from the same version in force.
    const current = (await getDecision(officer, SLUG, id, ORIGIN)).pending!.content_digest;
    await decisionStep(officer, SLUG, id, "submit", { reason: null, contentDigest: current }, ORIGIN);
    await step(EU.compliance2, id, "approve");
    const inForce = (await step(EU.northwindAdmin, id, "accept")).in_force!;
    await editDecision(
      await as(EU.northwindAdmin),
      SLUG,
      id,
      { outcome: "allow_pseudonymised", legal_basis: "sccs" },
      ORIGIN,
      inForce.content_digest,
    );
    await refused(
      () => editDecision(officer, SLUG, id, { notes: "my proposal" }, ORIGIN, inForce.content_digest),
      409,
      "decision_changed",
    );
    const detail = await getDecision(officer, SLUG, id, ORIGIN);
    expect(detail.pending).toMatchObject({ version: 2, outcome: "allow_pseudonymised" });
  });

  it("wrong-state transitions are 409 and change nothing", async () => {
    const { id } = await createDecision(await as(EU.compliance), SLUG, draft("security_logs"), ORIGIN);
    await refused(() => step(EU.compliance2, id, "approve"), 409, "decision_state_conflict");
    await refused(() => step(EU.northwindAdmin, id, "accept"), 409, "decision_state_conflict");
    await refused(() => step(EU.northwindAdmin, id, "reject", "no"), 409, "decision_state_conflict");
    await step(EU.compliance, id, "submit");
    await refused(() => step(EU.compliance, id, "submit"), 409, "decision_state_conflict");
    await refused(
      async () => editDecision(await as(EU.compliance), SLUG, id, { notes: "sneaky" }, ORIGIN),
      409,
      "decision_state_conflict",
    );
    await refused(() => step(EU.northwindAdmin, id, "accept"), 409, "decision_state_conflict");
    await step(EU.compliance2, id, "approve");
    await refused(() => step(EU.compliance2, id, "approve"), 409, "decision_state_conflict");
    await step(EU.northwindAdmin, id, "accept");
    for (const name of ["submit", "approve", "accept", "withdraw"] as const) {
      const who = name === "approve" ? EU.compliance2 : name === "accept" ? EU.northwindAdmin : EU.compliance;
      await expect(step(who, id, name)).rejects.toMatchObject({
        status: 409,
        message: expect.stringMatching(/no version in the workflow .*edit it to start a new version/),
      });
    }
    // A second decision for the same class and destination is refused; the first is named.
    const dup = createDecision(await as(EU.northwindAdmin), SLUG, draft("security_logs"), ORIGIN);
    await expect(dup).rejects.toMatchObject({ status: 409, code: "decision_exists", extra: { decision_id: id } });
  });

  it("editing an in-force decision starts a new version that replaces it only when accepted and effective; every version is kept with its diff", async () => {
    const { id } = await createDecision(
      await as(EU.compliance),
      SLUG,
      draft("support_content", { outcome: "allow_pseudonymised", effective_from: inDays(-10) }),
      ORIGIN,
    );
    for (const [who, name] of [
      [EU.compliance, "submit"],
      [EU.compliance2, "approve"],
      [EU.northwindAdmin, "accept"],
    ] as const)
      await step(who, id, name);

    const v2 = await editDecision(
      await as(EU.northwindAdmin),
      SLUG,
      id,
      { outcome: "allow", legal_basis: "consent", tia_ref: null, effective_from: inDays(5) },
      ORIGIN,
    );
    expect(v2.pending).toMatchObject({ version: 2, state: "draft", outcome: "allow" });
    expect(v2.in_force).toMatchObject({ version: 1, outcome: "allow_pseudonymised" });
    expect(v2.versions[0]!.diff.changes).toEqual([
      { field: "outcome", before: "allow_pseudonymised", after: "allow" },
      { field: "legal_basis", before: "sccs", after: "consent" },
      { field: "tia_ref", before: "TIA-W-1", after: null },
      { field: "effective_from", before: v2.versions[1]!.effective_from, after: v2.versions[0]!.effective_from },
    ]);
    expect(v2.versions[0]!.diff.summary[0]).toBe("outcome: allow_pseudonymised → allow");

    const raw = (at?: Date) => evaluateFlow(TENANT, { ...usageFlow("support_content", at), form: "raw" });
    expect((await raw()).outcome).toBe("violation");
    for (const [who, name] of [
      [EU.compliance, "submit"],
      [EU.compliance2, "approve"],
      [EU.northwindAdmin, "accept"],
    ] as const)
      await step(who, id, name);
    const accepted = await getDecision(await as(EU.northwindViewer), SLUG, id, ORIGIN);
    expect(accepted.versions.map((v) => [v.version, v.state])).toEqual([
      [2, "scheduled"],
      [1, "in_force"],
    ]);
    expect(accepted.versions[1]!.in_force_until).toBe(accepted.versions[0]!.in_force_from);
    // Until version 2 starts, version 1 decides; afterwards version 2.
    expect((await raw()).outcome).toBe("violation");
    expect(await raw(inDays(6))).toMatchObject({
      outcome: "allowed",
      applied: [{ version: 2, legalBasis: "consent" }],
    });
    expect((await evaluateFlow(TENANT, usageFlow("support_content"))).applied[0]).toMatchObject({ version: 1 });

    // A withdrawn version stays in the history; the next edit starts version 4 from the one in force.
    await editDecision(await as(EU.compliance), SLUG, id, { notes: "v3" }, ORIGIN);
    await step(EU.compliance, id, "withdraw");
    const v4 = await editDecision(await as(EU.compliance), SLUG, id, { dpa_clause: "DPA §8.4" }, ORIGIN);
    expect(v4.versions.map((v) => [v.version, v.state])).toEqual([
      [4, "draft"],
      [3, "withdrawn"],
      [2, "scheduled"],
      [1, "in_force"],
    ]);
    expect(v4.versions[0]).toMatchObject({ outcome: "allow_pseudonymised", dpa_clause: "DPA §8.4", notes: "" });
  });

  it("a decision accepted for the future is scheduled, not in force; after its effective_to it is no longer in force", async () => {
    const future = await createDecision(
      await as(EU.compliance),
      SLUG,
      draft("credentials", { outcome: "allow", legal_basis: "adequacy", effective_from: inDays(3) }),
      ORIGIN,
    );
    for (const [who, name] of [
      [EU.compliance, "submit"],
      [EU.compliance2, "approve"],
      [EU.northwindAdmin, "accept"],
    ] as const)
      await step(who, future.id, name);
    const f = await getDecision(await as(EU.compliance), SLUG, future.id, ORIGIN);
    expect(f).toMatchObject({ effective_outcome: "deny", in_force: null, versions: [{ state: "scheduled" }] });
    expect((await evaluateFlow(TENANT, usageFlow("credentials"))).outcome).toBe("violation");
    expect((await evaluateFlow(TENANT, usageFlow("credentials", inDays(4)))).outcome).toBe("allowed");

    const past = await createDecision(
      await as(EU.compliance),
      SLUG,
      draft("payment_data", {
        outcome: "allow",
        legal_basis: "art49_derogation",
        effective_from: inDays(-10),
        effective_to: inDays(0.5),
      }),
      ORIGIN,
    );
    for (const [who, name] of [
      [EU.compliance, "submit"],
      [EU.compliance2, "approve"],
      [EU.northwindAdmin, "accept"],
    ] as const)
      await step(who, past.id, name);
    expect((await evaluateFlow(TENANT, usageFlow("payment_data"))).outcome).toBe("allowed");
    expect((await evaluateFlow(TENANT, usageFlow("payment_data", inDays(1)))).outcome).toBe("violation");
    const p = await getDecision(await as(EU.compliance), SLUG, past.id, ORIGIN);
    expect(p.versions[0]!.in_force_until).toBe(p.versions[0]!.effective_to);
  });

  it("the seeded demo decisions evaluate as the demo tells it", async () => {
    const to = (id: string) => ({ kind: "region" as const, id });
    const from = { region: "eu-central-1" };
    const analytics = await evaluateFlow(TENANT, {
      dataClasses: ["pseudonymised_analytics"],
      from,
      to: to("me-central-1"),
      at: new Date(),
    });
    expect(analytics).toMatchObject({
      outcome: "allowed_with_condition",
      applied: [{ version: 2, outcome: "allow_pseudonymised", legalBasis: "sccs" }],
    });
    // 100 days ago version 1 (aggregates only) was in force: pseudonymised records were a violation then.
    expect(
      (
        await evaluateFlow(TENANT, {
          dataClasses: ["pseudonymised_analytics"],
          from,
          to: to("me-central-1"),
          at: inDays(-100),
          form: "pseudonymised",
        })
      ).outcome,
    ).toBe("violation");
    const pii = await evaluateFlow(TENANT, {
      dataClasses: ["customer_pii", "business_records"],
      from,
      to: to("us-east-1"),
      at: new Date(),
    });
    expect(pii.outcome).toBe("violation");
    expect(pii.reason).toMatch(/customer_pii must not go to us-east-1: explicitly denied/);
    const snowflake = await evaluateFlow(TENANT, {
      dataClasses: ["aggregated_metrics"],
      from,
      to: { kind: "subprocessor", id: "Snowflake Analytics (us-east-1)", region: "us-east-1" },
      at: new Date(),
    });
    expect(snowflake.outcome).toBe("allowed_with_condition");
    // In review is not in force.
    expect(
      (await evaluateFlow(TENANT, { dataClasses: ["business_records"], from, to: to("af-south-1"), at: inDays(30) }))
        .outcome,
    ).toBe("violation");
    expect(
      (await evaluateFlow(TENANT, { dataClasses: ["customer_pii"], from, to: to("eu-central-1"), at: new Date() }))
        .outcome,
    ).toBe("allowed");
  });

  it("a decision accepted by another replica of the region is seen within a second, through the revision", async () => {
    const question = usageFlow("product_catalogue");
    expect((await evaluateFlow(TENANT, question)).outcome).toBe("violation");
    // What another instance's accept leaves behind: an accepted version and a bumped revision.
    const id = stableId("replica-decision");
    await world.prisma.sharingDecision.create({
      data: {
        id,
        tenantId: TENANT,
        dataClassKey: "product_catalogue",
        destinationKind: "region",
        destinationId: "us-east-1",
        destinationLocation: "us-east-1",
        destinationKey: "region:us-east-1",
        createdById: "x",
      },
    });
    await world.prisma.sharingDecisionVersion.create({
      data: {
        decisionId: id,
        tenantId: TENANT,
        version: 1,
        status: "accepted",
        outcome: "allow",
        legalBasis: "adequacy",
        effectiveFrom: inDays(-1),
        acceptedAt: inDays(-1),
        authorId: "x",
      },
    });
    await world.prisma
      .$executeRaw`UPDATE sharing_policy_revisions SET revision = revision + 1 WHERE tenant_id = ${TENANT}`;
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await evaluateFlow(TENANT, question)).toMatchObject({ outcome: "allowed", decisions: [id] });
  });

  it("another tenant's decision id is not found, even for a compliance officer who sees both tenants", async () => {
    const kestrel = await world.prisma.sharingDecision.findFirstOrThrow({
      where: { tenantId: stableId("tenant", "kestrel-eu") },
      select: { id: true },
    });
    const before = await sharingTotals(world.prisma);
    await expect(getDecision(await as(EU.compliance), SLUG, kestrel.id, ORIGIN)).rejects.toMatchObject({
      status: 404,
      code: "decision_not_found",
    });
    await expect(editDecision(await as(EU.compliance), SLUG, kestrel.id, { notes: "x" }, ORIGIN)).rejects.toMatchObject(
      { status: 404, code: "decision_not_found" },
    );
    for (const name of ["submit", "approve", "rejectReview", "accept", "reject", "withdraw"] as const) {
      const who: UserActor = await as(name === "accept" || name === "reject" ? EU.northwindAdmin : EU.compliance2);
      await expect(decisionStep(who, SLUG, kestrel.id, name, { reason: "r" }, ORIGIN)).rejects.toMatchObject({
        status: 404,
        code: "decision_not_found",
      });
    }
    expect(await sharingTotals(world.prisma)).toEqual(before);
  });
});
