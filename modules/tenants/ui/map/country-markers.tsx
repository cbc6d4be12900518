import type { KeyboardEvent } from "react";
import { countryMarkerPlace } from "@/modules/tenants/ui/map/geo";
import { DIAMOND, DIAMOND_FILLED, DIAMOND_HOLLOW } from "@/modules/tenants/ui/map/marks";

/** A country where someone processes data: a diamond, never a circle (circles are regions). */
export interface CountryMarkerView {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: string;
  /** Who processes there, by name. */
  names: string[];
  /** Filled: someone here receives the data in question; hollow: listed there, receives none of it. */
  filled: boolean;
}

export function countryMarkerLabel(c: CountryMarkerView): string {
  const who = c.names.length === 0 ? "no one" : c.names.join(", ");
  return `${c.name} (${c.code}): ${c.names.length === 1 ? "subprocessor" : "subprocessors"} ${who}`;
}

interface Props {
  countries: CountryMarkerView[];
  /** Region markers already on the canvas, to keep clear of. */
  avoid?: readonly [number, number][];
  selected?: string | null;
  /** The tenant's map: a marker is a button that selects the country. */
  onSelect?: (code: string) => void;
  /** The public map (no script): a marker is a link to `${linkPrefix}${code}` on the page. */
  linkPrefix?: string;
}

/**
 * The country-marker layer of the world map. No hooks, so a server component (the public trust
 * page) and a client component (the tenant's map) both render it. Every marker is reachable with
 * the keyboard and named in words, with a title for pointer users.
 */
export function CountryMarkers({ countries, avoid = [], selected = null, onSelect, linkPrefix }: Props) {
  return (
    <g data-layer="countries">
      {countries.map((c) => {
        const at = countryMarkerPlace(c.code, avoid);
        if (!at) return null;
        // The <title> names the marker (SVG's own way; an aria-label beside it would make axe
        // count the title as content the label does not contain) and is the pointer's tooltip.
        const label =
          onSelect && linkPrefix === undefined ? `${countryMarkerLabel(c)}. Show details.` : countryMarkerLabel(c);
        const active = selected === c.code;
        const shape = (
          <>
            <title>{label}</title>
            <path
              d={DIAMOND}
              className={`marker ${c.filled ? DIAMOND_FILLED : DIAMOND_HOLLOW}`}
              strokeWidth={active ? 3 : 2}
              style={active ? { stroke: "#f59e0b" } : undefined}
            />
            <text
              aria-hidden
              y={20}
              textAnchor="middle"
              className="fill-slate-900 text-[11px] font-semibold dark:fill-slate-100 print:fill-slate-900!"
            >
              {c.code}
            </text>
          </>
        );
        const transform = `translate(${at[0]},${at[1]})`;
        const focus = "focus:outline-none [&:focus_path.marker]:stroke-blue-600 [&:focus_path.marker]:[stroke-width:4]";
        if (linkPrefix !== undefined)
          return (
            // Inside an <svg>, React makes this an SVG link: focusable, and followed without script.
            <a key={c.code} href={`${linkPrefix}${c.code}`} className={focus} data-country={c.code}>
              <g transform={transform}>{shape}</g>
            </a>
          );
        const keys = (e: KeyboardEvent) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            onSelect?.(c.code);
          }
        };
        return (
          <g
            key={c.code}
            transform={transform}
            role={onSelect ? "button" : "img"}
            tabIndex={0}
            aria-pressed={onSelect ? active : undefined}
            onClick={onSelect ? () => onSelect(c.code) : undefined}
            onKeyDown={onSelect ? keys : undefined}
            className={`${onSelect ? "cursor-pointer " : ""}${focus}`}
            data-country={c.code}
          >
            {shape}
          </g>
        );
      })}
    </g>
  );
}
