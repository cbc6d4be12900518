import { DecisionsLive, type DecisionsLiveProps } from "@/modules/sharing/ui/decisions-live";
import { QueryProvider } from "@/components/ui/query-provider";

/** The tenant's sharing decisions: what may leave its home region, to where, and on what basis. */
export function DecisionsView(props: DecisionsLiveProps) {
  return (
    <QueryProvider>
      <div className="mx-auto max-w-7xl space-y-6 p-6">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">Sharing decisions</h1>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Nothing leaves {props.matrix.home_region} unless a decision of your DPA allows it, per data class and
            destination. Each decision is drafted, reviewed by a second compliance officer, and accepted by your
            customer admin before it comes into force.
          </p>
        </div>
        <DecisionsLive {...props} />
      </div>
    </QueryProvider>
  );
}
