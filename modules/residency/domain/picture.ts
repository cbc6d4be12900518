import { tenantTierIn, type TierName } from "@/platform/region/tier";
import type { EdgeOutcome } from "@/modules/lineage/domain/evaluation";

/**
 * A tenant's residency picture: which regions hold its data, by the store inventory the data
 * plane reports *and* by the datasets its lineage places, which classes each holds, the flows
 * that crossed a border by verdict, and the open violations. The overview, the map, lineage,
 * governance and attestations all read it (modules/residency/server/picture.ts), so no two of
 * them can count regions or violations differently.
 */

export type BorderVerdict = Exclude<EdgeOutcome, "in_region">;
export const BORDER_VERDICTS: readonly BorderVerdict[] = [
  "allowed",
  "allowed_with_condition",
  "unknown_region",
  "violation",
];

export interface PictureStore {
  id: string;
  name: string;
  kind: string;
  engine: string;
  region: string;
  record_count: number | null;
  size_bytes: number | null;
  counts_reported_at: string | null;
  /** Keys, sorted. */
  data_classes: string[];
}

/** Datasets the lineage places in one region (null: no residency facet and no rule placed them), by subprocessor. */
export interface LineagePlacement {
  region: string | null;
  subprocessor: string | null;
  datasets: number;
  data_classes: string[];
}

/** Border-crossing flows between two regions (datasets' regions as they are now) with one verdict. */
export interface BorderFlow {
  from: string | null;
  to: string | null;
  outcome: BorderVerdict;
  flows: number;
  observations: number;
  data_classes: string[];
  /** A subprocessor the flows went into, if any. */
  via: string | null;
}

export interface DataClassName {
  key: string;
  name: string;
  sensitivity: string | null;
}

export interface PictureRegion {
  region: string;
  /** The tenant's tier in this region (its home), else null. */
  tier: TierName | null;
  home: boolean;
  stores: PictureStore[];
  /** Datasets the tenant's lineage places here. */
  datasets: number;
  /** Keys of the classes held here, by stores or datasets, sorted. */
  data_classes: string[];
  subprocessors: string[];
}

export interface ResidencyPicture {
  home_region: string;
  /** Every region holding the tenant's data, by inventory or lineage: the home region first, then by id. */
  regions: PictureRegion[];
  flows: BorderFlow[];
  /** Border-crossing flows (edges) by verdict. */
  border_flows: Record<BorderVerdict, number>;
  /** Unresolved (open or acknowledged) border-violation alerts: the count lineage's findings give. */
  open_violations: number;
  unknown_region_datasets: number;
  /** The tenant's class register and every other key the picture mentions (named by its key), by key. */
  classes: Record<string, DataClassName>;
}

export interface PictureInputs {
  tenant: { tier: TierName; home_region: string };
  stores: PictureStore[];
  placements: LineagePlacement[];
  flows: BorderFlow[];
  openViolations: number;
  register: DataClassName[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

export function composeResidencyPicture({
  tenant,
  stores,
  placements,
  flows,
  openViolations,
  register,
}: PictureInputs): ResidencyPicture {
  const regions = new Map<string, PictureRegion>();
  const at = (region: string) => {
    let r = regions.get(region);
    if (!r) {
      r = {
        region,
        tier: tenantTierIn(tenant, region),
        home: region === tenant.home_region,
        stores: [],
        datasets: 0,
        data_classes: [],
        subprocessors: [],
      };
      regions.set(region, r);
    }
    return r;
  };
  for (const s of stores) {
    const r = at(s.region);
    r.stores.push(s);
    r.data_classes.push(...s.data_classes);
  }
  let unknown = 0;
  for (const p of placements) {
    if (p.datasets === 0) continue;
    if (p.region === null) {
      unknown += p.datasets;
      continue;
    }
    const r = at(p.region);
    r.datasets += p.datasets;
    r.data_classes.push(...p.data_classes);
    if (p.subprocessor) r.subprocessors.push(p.subprocessor);
  }
  const list = [...regions.values()]
    .map((r) => ({ ...r, data_classes: sorted(r.data_classes), subprocessors: sorted(r.subprocessors) }))
    .sort((a, b) => (a.home ? -1 : b.home ? 1 : a.region.localeCompare(b.region)));

  const border_flows = Object.fromEntries(BORDER_VERDICTS.map((v) => [v, 0])) as Record<BorderVerdict, number>;
  for (const f of flows) border_flows[f.outcome] += f.flows;

  const named = new Map(register.map((c) => [c.key, c]));
  const keys = sorted([
    ...register.map((c) => c.key),
    ...list.flatMap((r) => r.data_classes),
    ...flows.flatMap((f) => f.data_classes),
  ]);
  const classes = Object.fromEntries(
    keys.map((key) => [key, named.get(key) ?? { key, name: key, sensitivity: null }]),
  ) as Record<string, DataClassName>;

  return {
    home_region: tenant.home_region,
    regions: list,
    flows,
    border_flows,
    open_violations: openViolations,
    unknown_region_datasets: unknown,
    classes,
  };
}

/** The regions holding data outside the home region: what the overview flags. */
export const regionsAbroad = (picture: ResidencyPicture) => picture.regions.filter((r) => !r.home);
