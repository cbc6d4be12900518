import { LineageLive } from "@/modules/lineage/ui/lineage-live";
import { QueryProvider } from "@/components/ui/query-provider";
import type { TenantLineage } from "@/modules/lineage/client";

/** The lineage page: the headline findings in words, then the live graph. */
export function LineageView({ tenant, graph }: { tenant: string; graph: TenantLineage }) {
  const violations = graph.cross_border.reduce((n, p) => n + p.outcomes.violation, 0);
  const { open_alerts: alerts, unknown_region_datasets: unknown } = graph.findings;
  return (
    <QueryProvider>
      <div className="mx-auto max-w-7xl space-y-4 p-6">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">Lineage</h1>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Where your data moves, from OpenLineage events your pipelines send. Every flow that crosses a border is
            checked against the sharing decisions in force: allowed, allowed with a condition, or a violation.
          </p>
          <p className="text-sm" data-testid="lineage-findings">
            {graph.totals.nodes} datasets and jobs;{" "}
            {violations === 0 ? (
              "no flow violates a decision"
            ) : (
              <strong className="text-red-700 dark:text-red-300">
                {violations} border-crossing flow{violations === 1 ? "" : "s"} with no decision allowing{" "}
                {violations === 1 ? "it" : "them"}
              </strong>
            )}
            {"; "}
            {alerts.border_violation} open violation alert{alerts.border_violation === 1 ? "" : "s"}; {unknown} dataset
            {unknown === 1 ? "" : "s"} with no known region.
          </p>
        </div>
        <LineageLive tenant={tenant} initial={graph} />
      </div>
    </QueryProvider>
  );
}
