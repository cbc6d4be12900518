/**
 * The map's marks that its legend and details draw too. Kept apart from the map's geometry, so
 * the page's first load holds none of the land and the projection: the map itself loads after.
 */

/** What the map selects for a country: `country:` and its ISO code (a region is its id). */
export const COUNTRY_KEY = "country:";

/** A country where someone processes data: a diamond, never a circle (circles are regions). */
export const DIAMOND = "M0,-8L8,0L0,8L-8,0Z";
export const DIAMOND_FILLED = "fill-teal-700 stroke-white dark:fill-teal-400 dark:stroke-slate-900";
export const DIAMOND_HOLLOW = "fill-white stroke-teal-700 dark:fill-slate-900 dark:stroke-teal-400";

/** The map's drawing size (its SVG viewBox), and the box that holds its place while it loads. */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 500;
export const MAP_ASPECT = `${MAP_WIDTH} / ${MAP_HEIGHT}`;
