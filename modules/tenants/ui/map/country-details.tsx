import { OutcomeLabel } from "@/modules/sharing/ui/outcome";
import type { MapCountry } from "@/modules/tenants/server/map";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";

/** A country on the map: who processes there, and which of the tenant's data classes each receives. */
export function CountryDetails({
  country,
  nameOf,
}: {
  country: MapCountry;
  /** A data class's name from its key. */
  nameOf: (key: string) => string;
}) {
  return (
    <div className="space-y-3 text-sm" data-testid="country-details">
      <h3 className="text-base font-semibold">
        {country.name} ({country.code})
      </h3>
      <p className="text-slate-600 dark:text-slate-400">
        Subprocessors of this region (from its public register) and recipients your decisions name that process in{" "}
        {country.name}.
      </p>
      <ul className="space-y-3">
        {country.recipients.map((r) => (
          <li key={`${r.source}:${r.id ?? r.name}`} className="space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{r.name}</span>
              {r.kind === "partner" && <Badge>partner</Badge>}
              {r.status === "announced" && (
                <Badge tone="warning">
                  announced, from&nbsp;
                  <Time iso={r.effective_at} />
                </Badge>
              )}
              {r.source === "decision" && <Badge tone="info">named by a decision</Badge>}
            </p>
            <p>
              {r.receives.length > 0 ? (
                <>
                  <span className="font-medium">Receives your data classes:</span> {r.receives.map(nameOf).join(", ")}
                </>
              ) : (
                <span className="text-slate-600 dark:text-slate-400">Processes none of the data classes you hold.</span>
              )}
            </p>
            {r.decisions.length > 0 && (
              <ul className="space-y-1">
                {r.decisions.map((d) => (
                  <li key={`${d.data_class}|${d.outcome}`} className="flex flex-wrap items-center gap-2">
                    {nameOf(d.data_class)} <OutcomeLabel outcome={d.outcome} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
