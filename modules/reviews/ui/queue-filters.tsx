import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { KINDS, REVIEW_KINDS, REVIEW_STATE_LABELS, REVIEW_STATES } from "@/modules/reviews/domain/kinds";
import type { ReviewFilters } from "@/modules/reviews/client";

/**
 * The queue's filters as a plain GET form: they live in the URL, so a filtered queue can be
 * bookmarked, shared, saved as a view, and works before any script has loaded.
 */
export function QueueFilters({ filters }: { filters: ReviewFilters }) {
  return (
    <form method="get" action="/region/reviews" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filters">
      <label className="flex flex-col gap-1">
        <span className="font-medium">Kind</span>
        <select name="kind" defaultValue={filters.kind ?? ""} className={inputClass}>
          <option value="">Every kind</option>
          {REVIEW_KINDS.map((k) => (
            <option key={k} value={k}>
              {KINDS[k].label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">State</span>
        <select name="state" defaultValue={filters.state ?? ""} className={inputClass}>
          <option value="">Open or in review</option>
          {REVIEW_STATES.map((s) => (
            <option key={s} value={s}>
              {REVIEW_STATE_LABELS[s]}
            </option>
          ))}
          <option value="all">Every state</option>
        </select>
      </label>
      {filters.tenant && <input type="hidden" name="tenant" value={filters.tenant} />}
      <label className="flex items-center gap-2 pb-2">
        <input type="checkbox" name="assignee" value="me" defaultChecked={filters.assignee === "me"} />
        Assigned to me
      </label>
      <label className="flex items-center gap-2 pb-2">
        <input type="checkbox" name="overdue" value="true" defaultChecked={filters.overdue === "true"} />
        Overdue only
      </label>
      <button type="submit" className={buttonClass({ variant: "primary", size: "sm" })}>
        Apply
      </button>
      <Link href="/region/reviews" className={buttonClass({ variant: "link" })}>
        Clear
      </Link>
    </form>
  );
}
