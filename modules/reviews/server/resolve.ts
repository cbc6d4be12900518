import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { withRegion } from "@/platform/access/with-region";
import type { RequestOrigin } from "@/platform/access/with-tenant";
import { prisma } from "@/platform/db/db";
import { BadRequestError } from "@/platform/errors";
import { policyPrincipal } from "@/platform/policy/principal";
import { KINDS, outcomeOf } from "@/modules/reviews/domain/kinds";
import type { ReviewItemView } from "@/modules/reviews/api-schemas";
import { assertMayResolve, assertOpen, findItem, lockOpenItem, viewOne } from "@/modules/reviews/server/queue";
import { SETTLED_HERE, runWorkflow, settleHere } from "@/modules/reviews/server/sources";
import { closeReviewItemFor } from "@/modules/reviews/server/items";
import { kindOf } from "@/modules/reviews/server/views";

/** A written rationale, or a 400 before anything is read or changed. */
export function requireRationale(rationale: string | undefined): string {
  const text = rationale?.trim() ?? "";
  if (!text)
    throw new BadRequestError(
      "Write a rationale: the decision's reason is kept with it and shown to the tenant.",
      "rationale_required",
    );
  return text;
}

/**
 * `POST …/reviews/{id}/resolve`: resolves or dismisses an item with one of its kind's outcomes
 * and a written rationale. Four eyes first (the policy, on the item's author), then either the
 * source's own workflow (which closes the item in its transaction) or, for findings, the queue's
 * own transaction. Bad input, someone else's decision or a closed item change nothing.
 */
export function resolveReview(
  actor: Actor,
  id: string,
  body: { outcome: string; rationale?: string },
  origin: RequestOrigin,
): Promise<ReviewItemView> {
  return withRegion(actor, "region.reviews.resolve", async ({ actor, region }) => {
    const rationale = requireRationale(body.rationale);
    const db = await prisma();
    const found = await findItem(db, id);
    const kind = kindOf(found);
    const outcome = outcomeOf(kind, body.outcome);
    if (!outcome)
      throw new BadRequestError(
        `"${body.outcome}" is not an outcome of a ${KINDS[kind].label.toLowerCase()} item; choose one of: ${KINDS[kind].outcomes.map((o) => o.key).join(", ")}.`,
        "unknown_outcome",
      );
    const principal = policyPrincipal(actor);
    if (SETTLED_HERE.includes(kind)) {
      await db.$transaction(async (tx) => {
        const item = await lockOpenItem(tx, id);
        assertMayResolve(principal, item, region.id);
        await settleHere(tx, actor, item, outcome, rationale);
      });
    } else {
      // The state and four eyes are checked here for a precise answer; the workflow checks
      // them again under its own lock, and closes the item in its own transaction.
      const item = assertOpen(found);
      assertMayResolve(principal, item, region.id);
      await runWorkflow(actor, item, outcome, rationale, origin);
      // The workflow closes the item in its own transaction. Should it not have (a source row
      // written around its workflow, as an old import might), the decision stands: close it here.
      await db.$transaction((tx) =>
        closeReviewItemFor(tx, kind, item.sourceId, { state: outcome.state, outcome: outcome.key, rationale, actor }),
      );
    }
    return viewOne(actor, region.id, id);
  });
}
