"use client";

import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import type { Explanation } from "@/modules/lineage/domain/explain";
import type { LineageAction } from "@/modules/lineage/domain/actions";
import type { ReviewItemRef } from "@/modules/lineage/domain/graph";
import { proposals, REVIEW_STATE_WORDS, reviewItemHref, type FlowEnds } from "@/modules/lineage/ui/violation-links";

interface Props {
  tenant: string;
  ends: FlowEnds;
  explanation: Explanation;
  reviewItem: ReviewItemRef | null;
  allowed: readonly LineageAction[];
  /** "Open the flow": select it in the graph and bring it into view (absent where the flow is already open). */
  onOpen?: () => void;
}

/**
 * What to do about a violation: open the flow, propose (or, for someone who drafts but does not
 * review, request) a sharing decision for each data class no decision allows, prefilled on the
 * decisions page, and open the review item its alert opened. Shown from what the policy lets
 * the caller do (`allowed_actions`).
 */
export function ViolationActions({ tenant, ends, explanation, reviewItem, allowed, onOpen }: Props) {
  const refused = explanation.classes.filter((c) => c.verdict === "violation");
  const drafts = proposals(tenant, refused, ends, allowed);
  // Drafting without reviewing (the customer's side): the provider's officers review the draft.
  const reviewer = allowed.includes("decisions.review");
  const verb = reviewer ? "Propose" : "Request";
  const review = reviewItemHref(tenant, reviewItem, allowed);
  return (
    <div className="space-y-2" data-testid="violation-actions">
      <div className="flex flex-wrap gap-2">
        {onOpen && (
          <Button size="xs" variant="primary" onClick={onOpen}>
            Open the flow
          </Button>
        )}
        {drafts.map((d) => (
          <Link key={d.dataClass} href={d.href} className={buttonClass({ size: "xs" })}>
            {d.exists
              ? `${verb} a change to the decision for ${d.name}`
              : `${verb} a sharing decision${drafts.length > 1 ? ` for ${d.name}` : ""}`}
          </Link>
        ))}
        {review && reviewItem && (
          <Link href={review} className={buttonClass({ size: "xs" })}>
            Open its review item ({REVIEW_STATE_WORDS[reviewItem.state]})
          </Link>
        )}
      </div>
      {drafts.length > 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {reviewer
            ? "Opens a draft prefilled with the data class and destination: a second compliance officer reviews it, and the customer's admin accepts it before it applies."
            : "Opens a draft prefilled with the data class and destination, for you to submit: the provider's compliance officers review it, then you accept it."}
        </p>
      ) : allowed.includes("decisions.draft") ? (
        explanation.classes.length === 0 && (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            A decision is made per data class: declare the classes of this flow&apos;s datasets (their terrane_residency
            facet) first.
          </p>
        )
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Sharing decisions are drafted by the tenant&apos;s admins and the provider&apos;s compliance officers.
        </p>
      )}
    </div>
  );
}
