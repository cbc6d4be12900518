import "server-only";
import { closeReviewItemFor } from "@/modules/reviews/server/items";
import type { Actor } from "@/platform/auth/actor";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { databaseNow } from "@/platform/db/db-time";
import { ConflictError, ForbiddenError, NotFoundError } from "@/platform/errors";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { appendAudit } from "@/modules/audit/server/append";
import { draftResource } from "@/modules/attestations/server/draft";
import { writeAttestationIndex } from "@/modules/attestations/server/index-log";
import { attestationSigner } from "@/modules/attestations/server/sign";
import { attestationSummary, type AttestationSummary } from "@/modules/attestations/server/reads";

export interface ReviewInput {
  decision: "publish" | "reject";
  note: string;
}

/**
 * A region compliance officer publishes or rejects a quarterly draft, with a note. Four eyes: the
 * policy refuses the person who asked for it. The row is locked first, so two reviewers racing
 * produce one decision and a 409 for the other.
 */
export function reviewAttestation(
  actor: Actor,
  tenantSlug: string,
  id: string,
  input: ReviewInput,
  request: RequestOrigin,
): Promise<AttestationSummary> {
  return withTenant(actor, tenantSlug, "attestations.review", request, async (scope) => {
    // The review re-signs the tenant's index: no key, no review (fail closed).
    const signer = await attestationSigner();
    return scope.db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM attestations WHERE id = ${id} AND tenant_id = ${scope.tenant.id} FOR UPDATE`;
      if (!locked) throw new NotFoundError("This tenant has no such attestation.", "attestation_not_found");
      const row = await tx.attestation.findUniqueOrThrow({ where: { id } });
      if (row.state !== "awaiting_review")
        throw new ConflictError(
          `This attestation is ${row.state.replace("_", " ")}, not awaiting review.`,
          "not_awaiting_review",
        );
      const decision = authorize(policyPrincipal(scope.actor, scope.role), "attestations.review", draftResource(row));
      if (!decision.allowed)
        throw new ForbiddenError(
          decision.policies.includes("attestations-four-eyes")
            ? "You asked for this attestation; another compliance officer reviews it (four eyes)."
            : "Your role does not allow reviewing attestations.",
          decision.policies.includes("attestations-four-eyes") ? "four_eyes" : "forbidden",
        );
      const now = await databaseNow(tx);
      const updated = await tx.attestation.update({
        where: { id },
        data: {
          state: input.decision === "publish" ? "published" : "rejected",
          reviewedById: scope.actor.userId,
          reviewedAt: now,
          reviewNote: input.note,
        },
      });
      const index = await writeAttestationIndex(tx, scope.tenant, signer);
      await appendAudit(tx, {
        actor: scope.actor,
        tenantId: scope.tenant.id,
        action: input.decision === "publish" ? "attestation.published" : "attestation.rejected",
        subject: `attestation:${id}`,
        outcome: "success",
        details: {
          period: row.periodName,
          envelope_sha256: row.envelopeSha256,
          note: input.note,
          index_version: index.version,
          index_sha256: index.sha256,
        },
      });
      await closeReviewItemFor(tx, "attestation", id, {
        state: "resolved",
        outcome: input.decision,
        rationale: input.note,
        actor: scope.actor,
      });
      return attestationSummary(tx, updated);
    });
  });
}
