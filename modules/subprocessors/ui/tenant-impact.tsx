import { Badge } from "@/components/ui/badge";
import { DataClassChip } from "@/modules/tenants/ui/data-class-chip";
import type { Impact } from "@/modules/subprocessors/client";
import { checkWords, missingWords, sourcesWords } from "@/modules/subprocessors/ui/tenant-words";

const TONE_TEXT = {
  success: "text-emerald-800 dark:text-emerald-300",
  warning: "text-amber-900 dark:text-amber-300",
  danger: "font-medium text-red-700 dark:text-red-300",
} as const;

/** The headline of an entry's impact: a red flag when a touched class has no decision allowing it. */
export function ImpactBadge({ impact }: { impact: Impact }) {
  if (!impact.touches) return <Badge tone="neutral">None of your data</Badge>;
  if (impact.flagged) return <Badge tone="danger">No decision allows some of your data</Badge>;
  return <Badge tone="success">Your data: allowed by your decisions</Badge>;
}

/**
 * Which of the tenant's data classes the subprocessor touches (by name), why, and per country it
 * processes in whether a decision allows it, or what is missing, in red.
 */
export function ImpactDetails({ impact, name }: { impact: Impact; name: string }) {
  if (!impact.touches)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {name} touches none of your data classes: the register names none you hold, no flow of your lineage reaches its
        datasets and no decision of yours names it.
      </p>
    );
  return (
    <ul className="space-y-3" aria-label={`Your data classes ${name} touches`}>
      {impact.data_classes.map((c) => {
        const missing = missingWords(c);
        return (
          <li key={c.key} className="text-sm" data-testid="impact-class" data-class={c.key} data-allowed={c.allowed}>
            <div className="flex flex-wrap items-center gap-2">
              <DataClassChip name={c.name} sensitivity={c.sensitivity} />
              {c.allowed ? (
                <span className={TONE_TEXT.success}>Allowed</span>
              ) : (
                <span className={TONE_TEXT.danger}>No decision allows this</span>
              )}
              <span className="text-xs text-slate-600 dark:text-slate-400">({sourcesWords(c.sources)})</span>
            </div>
            <ul className="mt-1 space-y-0.5 pl-4">
              {c.checks.map((check) => {
                const words = checkWords(check);
                return (
                  <li key={check.location} className={TONE_TEXT[words.tone]}>
                    {words.text}
                  </li>
                );
              })}
            </ul>
            {missing && <p className={`mt-1 pl-4 ${TONE_TEXT.danger}`}>{missing}</p>}
          </li>
        );
      })}
      {impact.lineage.flows > 0 && (
        <li className="text-xs text-slate-600 dark:text-slate-400">
          Your lineage: {impact.lineage.flows} {impact.lineage.flows === 1 ? "flow reaches" : "flows reach"}{" "}
          {impact.lineage.datasets} {impact.lineage.datasets === 1 ? "dataset" : "datasets"} {name} holds.
        </li>
      )}
    </ul>
  );
}
