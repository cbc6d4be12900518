import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/platform/auth/actor";
import { effectiveDataClasses } from "@/modules/sharing/server/data-classes";
import { databaseNow } from "@/platform/db/db-time";
import { forgetSharingPolicy } from "@/modules/sharing/server/policy";
import { loadDecisionDetail } from "@/modules/sharing/server/read";
import { actingRole, lockDecision, recordStep } from "@/modules/sharing/server/record";
import { contentOf, inForceAt, loadDecisions, openVersion } from "@/modules/sharing/server/store";
import { decisionContentDigest } from "@/modules/sharing/domain/content-digest";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { BadRequestError, ConflictError, TerraneError } from "@/platform/errors";
import { destinationKey } from "@/modules/sharing/domain/destination";
import { diffContent } from "@/modules/sharing/domain/diff";
import type { CreateDecisionInput, EditDecisionInput } from "@/modules/sharing/domain/input";
import type { DecisionContent } from "@/modules/sharing/domain/model";
import { resolveDestination } from "@/modules/sharing/domain/resolve";
import { applyEdit, checkContent, contentFromCreate } from "@/modules/sharing/domain/rules";

/** Writing decisions: a new decision (its first draft) and edits, which on an accepted decision start a new version. */

const contentData = (c: DecisionContent) => ({
  outcome: c.outcome,
  legalBasis: c.legalBasis,
  tiaRef: c.tiaRef,
  dpaClause: c.dpaClause,
  effectiveFrom: c.effectiveFrom,
  effectiveTo: c.effectiveTo,
  notes: c.notes,
});

/** `POST …/decisions`: a draft for one data class and destination, by a customer admin or compliance officer. */
export function createDecision(actor: Actor, tenantSlug: string, input: CreateDecisionInput, request: RequestOrigin) {
  return withTenant(actor, tenantSlug, "decisions.draft", request, async (scope) => {
    const { db, tenant, actor: user } = scope;
    const destination = resolveDestination(input.destination, tenant.homeRegion);
    const content = contentFromCreate(input);
    checkContent(content);
    const key = destinationKey(destination);
    const decisionId = randomUUID();
    await db.$transaction(async (tx) => {
      const classes = await effectiveDataClasses(tx, tenant.id);
      if (!classes.some((c) => c.key === input.data_class)) {
        throw new BadRequestError(
          `data_class: ${input.data_class} is not one of the tenant's data classes (GET …/data-classes).`,
          "unknown_data_class",
        );
      }
      // skipDuplicates turns a concurrent create of the same decision into "nothing inserted".
      const inserted = await tx.sharingDecision.createMany({
        data: [
          {
            id: decisionId,
            tenantId: tenant.id,
            dataClassKey: input.data_class,
            destinationKind: destination.kind,
            destinationId: destination.id,
            destinationLocation: destination.location,
            destinationKey: key,
            createdById: user.userId,
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count === 0) {
        const existing = await tx.sharingDecision.findFirst({
          where: { tenantId: tenant.id, dataClassKey: input.data_class, destinationKey: key },
          select: { id: true },
        });
        throw new TerraneError(
          409,
          "decision_exists",
          "Conflict",
          `A decision for ${input.data_class} to ${key} exists already; edit it (PATCH) to change it.`,
          { decision_id: existing?.id ?? null },
        );
      }
      const version = await tx.sharingDecisionVersion.create({
        data: {
          decisionId,
          tenantId: tenant.id,
          version: 1,
          status: "draft",
          authorId: user.userId,
          ...contentData(content),
        },
        select: { id: true },
      });
      await recordStep(tx, scope, {
        decisionId,
        versionId: version.id,
        version: 1,
        type: "created",
        role: actingRole(scope, "decisions.draft"),
        details: {
          data_class: input.data_class,
          destination: key,
          outcome: content.outcome,
          changes: diffContent(null, content).summary,
        },
      });
    });
    forgetSharingPolicy(tenant.id);
    return loadDecisionDetail(scope, decisionId);
  });
}

/**
 * `PATCH …/decisions/{id}`: changes the draft; when no version is in the workflow (the decision
 * is accepted, or its last version was withdrawn), starts a new draft version from the one in
 * force (or the latest), which replaces it only once accepted and effective. A version under
 * review or awaiting acceptance does not change under its reviewers: 409.
 */
/**
 * `expectedDigest`: the `content_digest` of the version the edit was made from, as it was shown
 * (the draft, or for a proposal the version it starts from); another content now is refused.
 */
export function editDecision(
  actor: Actor,
  tenantSlug: string,
  decisionId: string,
  edit: EditDecisionInput,
  request: RequestOrigin,
  expectedDigest?: string,
) {
  return withTenant(actor, tenantSlug, "decisions.draft", request, async (scope) => {
    const { db, tenant, actor: user } = scope;
    const role = actingRole(scope, "decisions.draft");
    await db.$transaction(async (tx) => {
      await lockDecision(tx, tenant.id, decisionId);
      const [decision] = await loadDecisions(tx, tenant.id, { id: decisionId });
      const open = openVersion(decision!);
      if (open && open.status !== "draft") {
        const where = open.status === "in_review" ? "is in compliance review" : "awaits the customer's acceptance";
        throw new ConflictError(
          `Version ${open.version} ${where} and cannot change now; withdraw it first to edit.`,
          "decision_state_conflict",
        );
      }
      const now = await databaseNow(tx);
      const versions = decision!.versions;
      const base =
        open ??
        inForceAt(decision!, now) ??
        [...versions].reverse().find((v) => v.status === "accepted") ??
        versions[versions.length - 1]!;
      if (expectedDigest !== undefined && decisionContentDigest(decision!, contentOf(base)) !== expectedDigest) {
        throw new ConflictError(
          `Version ${base.version} has changed since it was shown to you, or a new draft was started meanwhile. Reload it before editing.`,
          "decision_changed",
        );
      }
      if (open) {
        const before = contentOf(open);
        const after = applyEdit(before, edit);
        checkContent(after);
        const diff = diffContent(before, after);
        if (diff.changes.length === 0) return; // nothing to record
        await tx.sharingDecisionVersion.update({
          where: { id: open.id },
          data: { ...contentData(after), updatedAt: now },
          select: { id: true },
        });
        await recordStep(tx, scope, {
          decisionId,
          versionId: open.id,
          version: open.version,
          type: "edited",
          role,
          details: { changes: diff.summary },
        });
        return;
      }
      const after = applyEdit(contentOf(base), edit);
      checkContent(after);
      const next = versions[versions.length - 1]!.version + 1;
      const created = await tx.sharingDecisionVersion.create({
        data: {
          decisionId,
          tenantId: tenant.id,
          version: next,
          status: "draft",
          authorId: user.userId,
          ...contentData(after),
        },
        select: { id: true },
      });
      await recordStep(tx, scope, {
        decisionId,
        versionId: created.id,
        version: next,
        type: "version_created",
        role,
        details: { based_on_version: base.version, changes: diffContent(contentOf(base), after).summary },
      });
    });
    forgetSharingPolicy(tenant.id);
    return loadDecisionDetail(scope, decisionId);
  });
}
