import { OutcomeLabel } from "@/modules/sharing/ui/outcome";
import { tierPhrase } from "@/platform/region/tier";
import { formatCount } from "@/platform/format";
import type { MapRegion } from "@/modules/tenants/server/map";

const ROLE_WORDS: Record<string, string> = {
  home: "home region",
  stores: "holds stores",
  lineage: "datasets seen in lineage",
  destination: "a decision allows transfers here",
  subprocessor: "subprocessor location",
};

/** One place on the map: why it is there, the stores and data classes it holds, the decisions naming it. */
export function RegionDetails({
  region,
  nameOf,
}: {
  region: MapRegion | null;
  /** A data class's name from its key. */
  nameOf: (key: string) => string;
}) {
  if (!region)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Select a marker (or use the table) to see what is held or processed there.
      </p>
    );
  return (
    <div className="space-y-3 text-sm" data-testid="region-details">
      <h3 className="text-base font-semibold">
        {region.id} — {region.name}
      </h3>
      <p>
        {region.city}, {region.country}; {tierPhrase(region.tier)}. {region.roles.map((r) => ROLE_WORDS[r]).join("; ")}.
      </p>
      <section>
        <h4 className="font-medium">Stores</h4>
        {region.stores.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">None.</p>
        ) : (
          <ul className="list-disc pl-5">
            {region.stores.map((s) => (
              <li key={s.name}>
                {s.name} ({s.engine}): {s.data_classes.map(nameOf).join(", ") || "no data classes"}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <span className="font-medium">Data classes held:</span> {region.data_classes.map(nameOf).join(", ") || "none"}
        {region.datasets > 0 ? ` (${formatCount(region.datasets)} datasets in lineage)` : ""}
      </p>
      {region.subprocessors.length > 0 && (
        <p>
          <span className="font-medium">Subprocessors:</span> {region.subprocessors.join(", ")}
        </p>
      )}
      {region.decisions.length > 0 && (
        <section>
          <h4 className="font-medium">Decisions in force</h4>
          <ul className="space-y-1">
            {region.decisions.map((d) => (
              <li key={`${d.data_class}|${d.destination}`} className="flex flex-wrap items-center gap-2">
                {nameOf(d.data_class)} → {d.destination} <OutcomeLabel outcome={d.outcome} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
