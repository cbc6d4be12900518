import { draftPrefillQuery, type DraftPrefill } from "@/modules/sharing/domain/draft-prefill";
import type { ClassStep } from "@/modules/lineage/domain/explain";
import type { LineageAction } from "@/modules/lineage/domain/actions";
import type { ReviewItemRef } from "@/modules/lineage/domain/graph";

/**
 * Where a violation's actions lead, from what the policy lets the caller do (the answer's
 * `allowed_actions`), never from role names. Pure.
 */

export interface FlowEnds {
  from: string | null;
  to: string | null;
  subprocessor: string | null;
  crossing: string | null;
  /** The flow in words: "source → target". */
  flow: string;
}

/** A draft proposed for one data class the flow carries and no decision allows. */
export interface Proposal {
  dataClass: string;
  name: string;
  /** A decision exists for this class and destination: the page opens it (propose a change) instead of a new draft. */
  exists: boolean;
  href: string;
}

/** One proposal per refused class, to the decisions page with the draft prefilled; none when the caller may not draft. */
export function proposals(
  tenant: string,
  refused: readonly ClassStep[],
  ends: FlowEnds,
  allowed: readonly LineageAction[],
): Proposal[] {
  if (!allowed.includes("decisions.draft") || !ends.to) return [];
  const to = ends.to;
  const destination: DraftPrefill["destination"] | null =
    ends.crossing === "subprocessor"
      ? ends.subprocessor
        ? { kind: "subprocessor", name: ends.subprocessor, location: to }
        : null
      : { kind: "region", region: to };
  if (!destination) return [];
  return refused.map((c) => ({
    dataClass: c.dataClass,
    name: c.name,
    exists: c.hasDecision,
    href: `/t/${encodeURIComponent(tenant)}/decisions?${draftPrefillQuery({
      dataClass: c.dataClass,
      destination,
      from: ends.from,
      flow: ends.flow,
    })}`,
  }));
}

/**
 * A violation's review item: in the region's queue for those who work it (one item, by its id),
 * else on the tenant's page of review items (its row); null when the caller reads neither.
 */
export function reviewItemHref(
  tenant: string,
  item: ReviewItemRef | null,
  allowed: readonly LineageAction[],
): string | null {
  if (!item) return null;
  if (allowed.includes("region.reviews.read")) return `/region/reviews?item=${encodeURIComponent(item.id)}`;
  if (allowed.includes("reviews.read"))
    return `/t/${encodeURIComponent(tenant)}/governance/reviews#review-item-${encodeURIComponent(item.id)}`;
  return null;
}

export const REVIEW_STATE_WORDS: Record<ReviewItemRef["state"], string> = {
  open: "open",
  in_review: "in review",
  resolved: "resolved",
  dismissed: "dismissed",
};
