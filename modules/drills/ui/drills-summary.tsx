import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { Drill } from "@/modules/drills/client";
import { DRILL_KIND_LABELS } from "@/modules/drills/domain/model";
import { drillOutcome } from "@/modules/drills/ui/drill-words";

/**
 * For the compliance desk's home: the region's latest drills, failures first, each linking to its
 * tenant's Drills page. Takes the drills `regionDrills` returns (the caller holds region.drills.read).
 */
export function DrillsSummary({ drills, limit = 5 }: { drills: Drill[]; limit?: number }) {
  const failed = drills.filter((d) => d.state === "failed");
  const shown = [...failed, ...drills.filter((d) => d.state !== "failed")].slice(0, limit);
  return (
    <section aria-labelledby="drills-summary-title" className="space-y-2">
      <h2 id="drills-summary-title" className="text-base font-semibold">
        Residency drills {failed.length > 0 && <Badge tone="danger">{failed.length} failed</Badge>}
      </h2>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No drills yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {shown.map((d) => {
            const o = drillOutcome(d);
            return (
              <li key={d.id} className="flex flex-wrap items-center gap-2 py-1.5">
                <Badge tone={o.tone}>{o.label}</Badge>
                <Link
                  href={`/t/${d.tenant.slug}/governance/drills`}
                  className="font-medium underline-offset-2 hover:underline"
                >
                  {d.tenant.name}
                </Link>
                <span>{DRILL_KIND_LABELS[d.kind]}</span>
                <span className="text-slate-600 dark:text-slate-400">
                  <Time iso={d.started_at} />
                </span>
                {d.left_to_do.length > 0 && <Badge tone="warning">action needed</Badge>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
