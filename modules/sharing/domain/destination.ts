import type { DestinationKind } from "@/modules/sharing/domain/model";

/** A destination as a decision names it. */
export interface Destination {
  kind: DestinationKind;
  /** Region id, partner name or subprocessor name. */
  id: string;
  /** Where it processes: a region id or an ISO 3166-1 alpha-2 country code (null: not stated). */
  location: string | null;
}

export const REGION_ID = /^[a-z]{2,4}-[a-z]+-\d$/;
export const COUNTRY_CODE = /^[A-Z]{2}$/;

/** Names compare without regard to case or runs of spaces: "Snowflake  analytics" is "Snowflake Analytics". */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * The identity a decision and a flow must share to match, and the Cedar entity id of the
 * destination. A subprocessor is matched with its location: a decision for a subprocessor in
 * one place says nothing about the same company processing somewhere else.
 */
export function destinationKey(d: Destination): string {
  switch (d.kind) {
    case "region":
      return `region:${d.id}`;
    case "partner":
      return `partner:${normaliseName(d.id)}`;
    case "subprocessor":
      return `subprocessor:${normaliseName(d.id)}@${d.location ?? "unknown"}`;
  }
}

export function destinationLabel(d: Destination): string {
  if (d.kind === "region") return d.id;
  return d.location ? `${d.id} (${d.kind}, ${d.location})` : `${d.id} (${d.kind})`;
}

/** The region or country a destination processes in, if known. */
export function destinationPlace(d: Destination): string | null {
  return d.kind === "region" ? d.id : d.location;
}

/**
 * Whether data moving from `fromRegion` to `place` crosses a border. Regions are
 * region-locked cells, so two different regions are two jurisdictions for residency even in
 * one country; a country code is compared with the region's country. Unknown places cross
 * (fail closed).
 */
export function crossesBorder(
  fromRegion: string,
  place: string | null,
  countryOf: (region: string) => string | undefined,
): boolean {
  if (!place) return true;
  if (place === fromRegion) return false;
  if (COUNTRY_CODE.test(place)) return countryOf(fromRegion) !== place;
  return true;
}
