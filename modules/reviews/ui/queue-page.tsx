import Link from "next/link";
import type { ReviewFilters, ReviewPage, SavedReviewView } from "@/modules/reviews/client";
import { filtersQuery } from "@/modules/reviews/client";
import { QueueFilters } from "@/modules/reviews/ui/queue-filters";
import { ReviewQueue } from "@/modules/reviews/ui/review-queue";
import { SavedViews } from "@/modules/reviews/ui/saved-views";
import { formatCount } from "@/platform/format";

/** The review queue page: filters (in the URL), saved views, the items, paging. */
export function QueuePage({
  page,
  filters,
  item = null,
  views,
}: {
  page: ReviewPage;
  filters: ReviewFilters;
  /** One item asked for by its id (a link from its source): shown alone. */
  item?: string | null;
  views: SavedReviewView[];
}) {
  const last = Math.max(1, Math.ceil(page.total / page.per_page));
  const at = (n: number) => {
    const q = filtersQuery({ ...filters, page: n });
    return `/region/reviews${q ? `?${q}` : ""}`;
  };
  return (
    <div className="mx-auto max-w-7xl space-y-5 p-4 sm:p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Review queue</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Everything in {page.region} waiting for a compliance officer: sharing decisions, border violations and
          unplaced datasets, accesses outside a grant, break-glass accesses, subprocessor changes and objections,
          quarterly attestations and auditors&apos; requests. {formatCount(page.open_count)} open. Nobody resolves their
          own work; every decision needs a written rationale.
        </p>
      </header>
      {item && (
        <p role="status" className="text-sm" data-testid="one-review-item">
          Showing one item, as it was linked.{" "}
          <Link href="/region/reviews" className="underline">
            Show the whole queue
          </Link>
        </p>
      )}
      <QueueFilters filters={filters} />
      <SavedViews views={views} current={filters} />
      <ReviewQueue page={page} />
      {last > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {page.page > 1 && (
            <Link href={at(page.page - 1)} className="underline">
              Previous
            </Link>
          )}
          <span>
            Page {page.page} of {last}
          </span>
          {page.page < last && (
            <Link href={at(page.page + 1)} className="underline">
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
