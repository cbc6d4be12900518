import { landPath } from "@/modules/tenants/ui/map/geo";

/**
 * The countries' outlines, decoration only; in print, light whatever the theme. One path for all
 * of them, computed once per process: the same picture as a path per country, in a fraction of
 * the markup and of the elements to render.
 */
export function LandLayer() {
  return (
    <g aria-hidden>
      <path
        d={landPath}
        className="fill-slate-200 stroke-white dark:fill-slate-700 dark:stroke-slate-900 print:fill-slate-200! print:stroke-white!"
        strokeWidth={0.5}
      />
    </g>
  );
}
