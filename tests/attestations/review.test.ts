import { beforeAll, describe, expect, it } from "vitest";
import { databaseNow } from "@/platform/db/db-time";
import { TerraneError } from "@/platform/errors";
import { integratePending } from "@/modules/audit/server/integrator";
import { calendarMonth, lastCompleteQuarter } from "@/modules/attestations/domain/period";
import { issueAttestationOnDemand, issueMonthlyAttestation } from "@/modules/attestations/server/issue";
import { attestationEnvelope, listAttestations } from "@/modules/attestations/server/reads";
import { reviewAttestation } from "@/modules/attestations/server/review";
import { stableId } from "@/prisma/seed/world";
import { DATABASE_KINDS } from "../helpers/databases";
import { refusal } from "../helpers/refusal";
import { EU, useSeededRegion } from "../helpers/seeded-region";

const SLUG = "northwind-eu";
const ORIGIN = { surface: "api", path: "/api/v1/test" } as const;

describe.each(DATABASE_KINDS)("quarterly attestations and their four-eyes review, on %s", (kind) => {
  const world = useSeededRegion(kind, "eu-central-1", { keys: true, decisions: true });
  let quarter: { from: string; to: string };
  beforeAll(async () => {
    await integratePending();
    const q = lastCompleteQuarter(await databaseNow(world.prisma));
    quarter = { from: q.from.toISOString().slice(0, 10), to: q.to.toISOString().slice(0, 10) };
  });

  it("a quarter asked for by a compliance officer is a draft that another one publishes; auditors see it only then", async () => {
    const hanna = await world.session(EU.compliance);
    const draft = await issueAttestationOnDemand(hanna, SLUG, quarter, ORIGIN);
    expect(draft).toMatchObject({ kind: "quarter", state: "awaiting_review", review: null });
    expect(await world.prisma.auditEntry.count({ where: { action: "attestation.drafted" } })).toBe(1);

    const audrey = await world.session(EU.northwindAuditor);
    expect((await listAttestations(audrey, SLUG, ORIGIN)).attestations.map((a) => a.id)).not.toContain(draft.id);
    expect(await refusal(attestationEnvelope(audrey, SLUG, draft.id, ORIGIN))).toEqual({
      status: 404,
      code: "attestation_not_found",
    });

    // Four eyes: the one who asked cannot review it, nor can the customer's admin.
    const note = { decision: "publish" as const, note: "Checked flows and receipts against the registers." };
    expect(await refusal(reviewAttestation(hanna, SLUG, draft.id, note, ORIGIN))).toEqual({
      status: 403,
      code: "four_eyes",
    });
    expect(
      (await refusal(reviewAttestation(await world.session(EU.northwindAdmin), SLUG, draft.id, note, ORIGIN))).status,
    ).toBe(403);
    const own = (await listAttestations(hanna, SLUG, ORIGIN)).attestations.find((a) => a.id === draft.id);
    expect(own?.allowed_actions).toEqual([]);
    const second = await world.session(EU.compliance2);
    expect(
      (await listAttestations(second, SLUG, ORIGIN)).attestations.find((a) => a.id === draft.id)?.allowed_actions,
    ).toEqual(["attestations.review"]);

    const published = await reviewAttestation(second, SLUG, draft.id, note, ORIGIN);
    expect(published).toMatchObject({ state: "published", review: { note: note.note }, digest: draft.digest });
    expect(published.review?.by.id).toBe(await world.userId(EU.compliance2));
    const entry = await world.prisma.auditEntry.findFirstOrThrow({ where: { action: "attestation.published" } });
    expect(entry.details).toMatchObject({ envelope_sha256: draft.digest.slice("sha256:".length), note: note.note });
    expect((await listAttestations(audrey, SLUG, ORIGIN)).attestations.map((a) => a.id)).toContain(draft.id);
    expect(
      await refusal(reviewAttestation(second, SLUG, draft.id, { decision: "reject", note: "late" }, ORIGIN)),
    ).toEqual({
      status: 409,
      code: "not_awaiting_review",
    });
  });

  it("the job queue drafts the quarter when its last month is attested; of two racing reviewers exactly one decides", async () => {
    // The quarter before the last complete one, so it does not meet the draft above.
    const last = lastCompleteQuarter(await databaseNow(world.prisma));
    const m = last.from.getUTCMonth(); // first month of the last quarter, 0-based
    const closing =
      m === 0 ? calendarMonth(last.from.getUTCFullYear() - 1, 12) : calendarMonth(last.from.getUTCFullYear(), m);
    expect(await issueMonthlyAttestation(stableId("tenant", "northwind-eu"), closing)).toBe(true);
    const drafts = await world.prisma.attestation.findMany({
      where: { kind: "quarter", issuedByType: "system", state: "awaiting_review" },
    });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.periodTo).toEqual(closing.to);
    // Running the month again drafts nothing twice.
    expect(await issueMonthlyAttestation(stableId("tenant", "northwind-eu"), closing)).toBe(false);

    const [a, b] = await Promise.allSettled([
      reviewAttestation(
        await world.session(EU.compliance),
        SLUG,
        drafts[0]!.id,
        { decision: "publish", note: "ok, checked" },
        ORIGIN,
      ),
      reviewAttestation(
        await world.session(EU.compliance2),
        SLUG,
        drafts[0]!.id,
        { decision: "reject", note: "wrong, redo" },
        ORIGIN,
      ),
    ]);
    const outcomes = [a.status, b.status].sort();
    expect(outcomes).toEqual(["fulfilled", "rejected"]);
    const failed = (a.status === "rejected" ? a.reason : (b as PromiseRejectedResult).reason) as TerraneError;
    expect(failed.code).toBe("not_awaiting_review");
    expect(
      await world.prisma.auditEntry.count({
        where: {
          action: { in: ["attestation.published", "attestation.rejected"] },
          subject: `attestation:${drafts[0]!.id}`,
        },
      }),
    ).toBe(1);
  });
});
