import { countryPaths } from "@/modules/tenants/ui/map/geo";

/** The countries' outlines, decoration only; in print, light whatever the theme. */
export function LandLayer() {
  return (
    <g aria-hidden>
      {countryPaths.map((c) => (
        <path
          key={c.key}
          d={c.d}
          className="fill-slate-200 stroke-white dark:fill-slate-700 dark:stroke-slate-900 print:fill-slate-200! print:stroke-white!"
          strokeWidth={0.5}
        />
      ))}
    </g>
  );
}
