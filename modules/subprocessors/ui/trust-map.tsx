import type { TrustCountry, TrustRegion } from "@/modules/subprocessors/server/trust-page";
import { TrustSection } from "@/modules/subprocessors/ui/trust-section";
import { CountryMarkers, type CountryMarkerView } from "@/modules/tenants/ui/map/country-markers";
import { DIAMOND, DIAMOND_FILLED, DIAMOND_HOLLOW } from "@/modules/tenants/ui/map/marks";
import { MAP_HEIGHT, MAP_WIDTH, project } from "@/modules/tenants/ui/map/geo";
import { LandLayer } from "@/modules/tenants/ui/map/land-layer";

const REGION_DOT =
  "fill-brand-600 stroke-white dark:fill-brand-100 dark:stroke-slate-900 print:fill-brand-600! print:stroke-white!";

/**
 * The region and the countries where its subprocessors process, drawn on the server: no script.
 * A country's marker links to its line in the list below, which says the same in words.
 */
export function TrustMap({ region, countries }: { region: TrustRegion; countries: TrustCountry[] }) {
  const home = project([region.longitude, region.latitude]);
  const views: CountryMarkerView[] = countries.map((c) => ({
    code: c.code,
    name: c.name,
    names: c.subprocessors.map((s) => (s.upcoming ? `${s.name} (announced)` : s.name)),
    filled: c.subprocessors.some((s) => !s.upcoming),
  }));
  const regionLabel = `${region.id}, this region: ${region.city}, ${region.country_name}`;
  return (
    <TrustSection
      id="trust-map"
      title="Where processing happens"
      intro="This region's location, and every country where one of its subprocessors processes data."
    >
      <figure className="break-inside-avoid">
        <svg
          viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
          className="h-auto w-full rounded-lg border border-slate-200 bg-sky-50 dark:border-slate-800 dark:bg-slate-900 print:bg-white!"
          role="group"
          aria-label={`World map of ${region.id} and its subprocessors' countries`}
          data-testid="trust-map"
        >
          <LandLayer />
          <g transform={`translate(${home[0]},${home[1]})`} role="img" aria-label={regionLabel} data-region={region.id}>
            <title>{regionLabel}</title>
            <circle
              r={13}
              fill="none"
              strokeWidth={2}
              className="stroke-slate-900 dark:stroke-white print:stroke-slate-900!"
            />
            <circle r={8} strokeWidth={1.5} className={REGION_DOT} />
            <text
              y={-16}
              textAnchor="middle"
              className="fill-slate-900 text-[11px] font-semibold dark:fill-slate-100 print:fill-slate-900!"
            >
              {region.id}
            </text>
          </g>
          <CountryMarkers countries={views} avoid={[home]} linkPrefix="#country-" />
        </svg>
        <figcaption>
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Legend">
            <li className="inline-flex items-center gap-1">
              <svg aria-hidden width="14" height="14" viewBox="-9 -9 18 18">
                <circle r={6} strokeWidth={1.5} className={REGION_DOT} />
              </svg>
              This region (ringed circle)
            </li>
            <li className="inline-flex items-center gap-1">
              <svg aria-hidden width="14" height="14" viewBox="-9 -9 18 18">
                <path d={DIAMOND} className={DIAMOND_FILLED} strokeWidth={2} />
              </svg>
              Country where a subprocessor processes
            </li>
            <li className="inline-flex items-center gap-1">
              <svg aria-hidden width="14" height="14" viewBox="-9 -9 18 18">
                <path d={DIAMOND} className={DIAMOND_HOLLOW} strokeWidth={2} />
              </svg>
              Only through an announced change
            </li>
          </ul>
        </figcaption>
      </figure>
      <h3 className="mt-4 font-semibold">By country</h3>
      {countries.length === 0 ? (
        <p className="mt-1 text-sm">No subprocessor is listed yet.</p>
      ) : (
        // One line of text per country: with hundreds of subprocessors a link per name is thousands
        // of elements to render and send; the table above lists each by name with its countries.
        <ul className="mt-1 space-y-1 text-sm" data-testid="trust-countries">
          {countries.map((c) => (
            <li key={c.code} id={`country-${c.code}`} className="scroll-mt-4">
              <span className="font-medium">{`${c.name} (${c.code}):`}</span>{" "}
              {c.subprocessors.map((s) => (s.upcoming ? `${s.name} (announced)` : s.name)).join(", ")}
            </li>
          ))}
        </ul>
      )}
    </TrustSection>
  );
}
