import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { TenantReviews as TenantReviewsView } from "@/modules/reviews/client";

const TONE: Record<TenantReviewsView["items"][number]["state"], BadgeTone> = {
  open: "warning",
  in_review: "info",
  resolved: "success",
  dismissed: "neutral",
};

/**
 * What the provider's compliance officers reviewed about this tenant: each item, when it opened,
 * when it was due, and the outcome with the rationale and who decided.
 */
export function TenantReviews({ view }: { view: TenantReviewsView }) {
  return (
    <section className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Everything about this tenant that a compliance officer of the region reviews: border alerts, accesses outside a
        grant, break-glass accesses, sharing decisions, objections, attestations and auditors&apos; requests. Each
        decision carries a written rationale, and nobody decides on their own work.
      </p>
      <Table
        caption={`Review items (${view.items.length})`}
        rows={view.items}
        rowKey={(i) => i.id}
        empty="Nothing about this tenant has needed a review yet."
        data-testid="tenant-review-items"
        // An anchor per item, so a source (a lineage violation) links straight to its row.
        rowProps={(i) => ({
          id: `review-item-${i.id}`,
          "data-item": i.id,
          className: "scroll-mt-20 target:bg-amber-50 dark:target:bg-amber-950",
        })}
        columns={[
          {
            key: "item",
            header: "Item",
            rowHeader: true,
            cell: (i) => (
              <>
                <span className="block text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
                  {i.kind_label}
                </span>
                <span className="block max-w-md break-words">{i.title}</span>
              </>
            ),
          },
          { key: "opened", header: "Opened", cell: (i) => <Time iso={i.opened_at} /> },
          {
            key: "due",
            header: "Due",
            cell: (i) => (
              <span className={i.overdue ? "font-medium text-red-700 dark:text-red-300" : undefined}>
                <Time iso={i.due_at} />
                {i.overdue && <span className="block text-xs">overdue</span>}
              </span>
            ),
          },
          {
            key: "outcome",
            header: "Outcome",
            cell: (i) => (
              <>
                <Badge tone={TONE[i.state]}>{i.outcome_label ?? i.state_label}</Badge>
                {i.rationale && <p className="max-w-sm break-words text-xs">{i.rationale}</p>}
                {i.resolved_by && (
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {i.resolved_by.name}, <Time iso={i.resolved_at} />
                  </p>
                )}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
