import "server-only";
import type { Actor } from "@/platform/auth/actor";
import { databaseNow } from "@/platform/db/db-time";
import { inForceAt, loadDecisions } from "@/modules/sharing/server/store";
import { withTenant, type RequestOrigin } from "@/platform/access/with-tenant";
import { tenantTierIn, tierName, type TierName } from "@/platform/region/tier";
import { OUTCOME_RANK, type EdgeOutcome } from "@/modules/lineage/domain/evaluation";
import type { CrossBorderPair } from "@/modules/lineage/domain/graph-summary";
import { listRegions } from "@/platform/region/registry";
import { destinationLabel } from "@/modules/sharing/domain/destination";
import type { SharingOutcome } from "@/modules/sharing/domain/model";
import { COUNTRY_CODE } from "@/modules/sharing/domain/destination";
import { countryName } from "@/platform/region/countries";
import { readResidencyPicture } from "@/modules/residency/server/picture";
import type { DataClassName, ResidencyPicture } from "@/modules/residency/domain/picture";

/** Why a place is on the tenant's map. */
export type MapRole = "home" | "stores" | "lineage" | "destination" | "subprocessor";

export interface MapRegion {
  id: string;
  name: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  /** The tier the tenant uses here (its home region), else null: never a tier the region merely offers. */
  tier: TierName | null;
  roles: MapRole[];
  stores: { name: string; kind: string; engine: string; data_classes: string[] }[];
  /** Datasets the tenant's lineage places here, and the data classes they hold. */
  datasets: number;
  data_classes: string[];
  subprocessors: string[];
  /** Decisions in force that name this region (as a region or a subprocessor's location). */
  decisions: { data_class: string; destination: string; outcome: SharingOutcome }[];
}

/** Someone that processes the tenant's data in a country (not a region): a country marker on the map. */
export interface MapCountryRecipient {
  /** The register's id; null for a recipient known only from a decision. */
  id: string | null;
  name: string;
  /** register: the region's subprocessor register; decision: a decision in force names it here. */
  source: "register" | "decision";
  kind: "subprocessor" | "partner";
  /** Register entries: active, or announced (in its notice period, from effective_at). */
  status: "active" | "announced" | null;
  effective_at: string | null;
  /**
   * The tenant's data classes it processes: for a register entry, the classes it states that the
   * tenant holds (in its stores or lineage); for a decision, the decision's class.
   */
  receives: string[];
  /** Decisions in force naming it at this place. */
  decisions: { data_class: string; outcome: SharingOutcome }[];
}

export interface MapCountry {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: string;
  recipients: MapCountryRecipient[];
}

export interface TenantMap {
  tenant: { slug: string; name: string; tier: TierName; home_region: string };
  generated_at: string;
  regions: MapRegion[];
  /** Decision destinations with no known region or country: listed, not placed. */
  unplaced: { label: string; location: string | null; outcome: SharingOutcome }[];
  /** Countries where the region's subprocessors (and the tenant's decisions' recipients) process: country markers. */
  countries: MapCountry[];
  unknown_region_datasets: number;
  /** Unresolved border-violation alerts: the overview's and lineage's count. */
  open_violations: number;
  /** The name of every data class key the map mentions. */
  data_classes: Record<string, DataClassName>;
  flows: CrossBorderPair[];
}

/**
 * The facts of the region map, read-only, in one place: where the tenant's stores are (the
 * store register), where its lineage places datasets and which border-crossing flows connect
 * regions (the lineage registers, aggregated per region pair), and which regions and
 * subprocessors its decisions in force name, and the countries where the region's active and
 * announced subprocessors process (the public register, so nothing here is secret), each with the
 * classes of the tenant's data it would receive. `map.read`: members, auditors, compliance officers.
 */
export function getTenantMap(actor: Actor, tenantSlug: string, request: RequestOrigin): Promise<TenantMap> {
  return withTenant(actor, tenantSlug, "map.read", request, async ({ db, tenant }) => {
    const [picture, decisions, now, register] = await Promise.all([
      readResidencyPicture(db, tenant),
      loadDecisions(db, tenant.id),
      databaseNow(db),
      db.subprocessor.findMany({
        where: { region: tenant.homeRegion, status: { in: ["active", "announced"] } },
        select: { id: true, name: true, dataClasses: true, locations: true, status: true, effectiveAt: true },
        orderBy: { name: "asc" },
      }),
    ]);
    return assembleTenantMap({
      tenant: { slug: tenant.slug, name: tenant.name, tier: tierName(tenant.tier), home_region: tenant.homeRegion },
      picture,
      decisions,
      now,
      register,
    });
  });
}

export type TenantMapInputs = {
  tenant: TenantMap["tenant"];
  /** Where the data is and what crossed a border: the same picture the overview and attestations show. */
  picture: ResidencyPicture;
  decisions: Awaited<ReturnType<typeof loadDecisions>>;
  now: Date;
  register: {
    id: string;
    name: string;
    dataClasses: string[];
    locations: string[];
    status: string;
    effectiveAt: Date;
  }[];
};

/** The map from the facts read above; pure, exported for tests. */
export function assembleTenantMap({ tenant, picture, decisions, now, register }: TenantMapInputs): TenantMap {
  const registry = new Map(listRegions().map((r) => [r.id, r]));
  const places = new Map<string, MapRegion & { classSet: Set<string> }>();
  const at = (id: string) => {
    let p = places.get(id);
    const r = registry.get(id);
    if (!p && r) {
      const tier = tenantTierIn(tenant, id);
      p = {
        id,
        name: r.name,
        city: r.city,
        country: r.country,
        latitude: r.latitude,
        longitude: r.longitude,
        tier,
        roles: [],
        stores: [],
        datasets: 0,
        data_classes: [],
        subprocessors: [],
        decisions: [],
        classSet: new Set(),
      };
      places.set(id, p);
    }
    return p;
  };
  const role = (p: MapRegion | undefined, r: MapRole) => {
    if (p && !p.roles.includes(r)) p.roles.push(r);
  };
  role(at(tenant.home_region), "home");
  for (const r of picture.regions) {
    const p = at(r.region);
    if (!p) continue;
    if (r.stores.length > 0) role(p, "stores");
    if (r.datasets > 0) role(p, "lineage");
    p.stores.push(
      ...r.stores.map((s) => ({ name: s.name, kind: s.kind, engine: s.engine, data_classes: s.data_classes })),
    );
    p.datasets += r.datasets;
    r.data_classes.forEach((c) => p.classSet.add(c));
    for (const sub of r.subprocessors) {
      if (!p.subprocessors.includes(sub)) p.subprocessors.push(sub);
      role(p, "subprocessor");
    }
  }
  const unplaced: TenantMap["unplaced"] = [];
  const countries = new Map<string, MapCountry>();
  const inCountry = (code: string) => {
    let c = countries.get(code);
    if (!c) countries.set(code, (c = { code, name: countryName(code), recipients: [] }));
    return c;
  };
  for (const d of decisions) {
    const current = inForceAt(d, now);
    if (!current || current.outcome === "deny") continue;
    const place = d.destination.kind === "region" ? d.destination.id : d.destination.location;
    const p = place ? at(place) : undefined;
    if (!p && place && d.destination.kind !== "region" && COUNTRY_CODE.test(place)) {
      const c = inCountry(place);
      const name = d.destination.id;
      let r = c.recipients.find((x) => x.source === "decision" && x.name === name);
      if (!r)
        c.recipients.push(
          (r = {
            id: null,
            name,
            source: "decision",
            kind: d.destination.kind,
            status: null,
            effective_at: null,
            receives: [],
            decisions: [],
          }),
        );
      if (!r.receives.includes(d.dataClassKey)) r.receives.push(d.dataClassKey);
      r.decisions.push({ data_class: d.dataClassKey, outcome: current.outcome });
      continue;
    }
    if (!p) {
      unplaced.push({ label: destinationLabel(d.destination), location: place ?? null, outcome: current.outcome });
      continue;
    }
    role(p, d.destination.kind === "subprocessor" ? "subprocessor" : "destination");
    if (d.destination.kind === "subprocessor" && !p.subprocessors.includes(d.destination.id))
      p.subprocessors.push(d.destination.id);
    p.decisions.push({
      data_class: d.dataClassKey,
      destination: destinationLabel(d.destination),
      outcome: current.outcome,
    });
  }
  const flows = new Map<string, CrossBorderPair>();
  for (const row of picture.flows) {
    const key = JSON.stringify([row.from, row.to]);
    const f = flows.get(key) ?? {
      from: row.from,
      to: row.to,
      flows: 0,
      observations: 0,
      outcomes: { allowed: 0, allowed_with_condition: 0, violation: 0, unknown_region: 0 },
      worst: "allowed" as EdgeOutcome,
      data_classes: [],
      subprocessors: [],
    };
    f.flows += row.flows;
    f.observations += row.observations;
    f.outcomes[row.outcome] += row.flows;
    if (OUTCOME_RANK[row.outcome] > OUTCOME_RANK[f.worst]) f.worst = row.outcome;
    f.data_classes = [...new Set([...f.data_classes, ...row.data_classes])].sort();
    if (row.via && !f.subprocessors.includes(row.via)) f.subprocessors.push(row.via);
    flows.set(key, f);
  }
  const held = new Set([...places.values()].flatMap((p) => [...p.classSet]));
  for (const e of register) {
    for (const code of e.locations) {
      inCountry(code).recipients.push({
        id: e.id,
        name: e.name,
        source: "register",
        kind: "subprocessor",
        status: e.status === "announced" ? "announced" : "active",
        effective_at: e.effectiveAt.toISOString(),
        receives: e.dataClasses.filter((c) => held.has(c)).sort(),
        decisions: [],
      });
    }
  }
  const regions = [...places.values()].map(({ classSet, ...p }) => ({ ...p, data_classes: [...classSet].sort() }));
  regions.sort((a, b) =>
    a.id === tenant.home_region ? -1 : b.id === tenant.home_region ? 1 : a.id.localeCompare(b.id),
  );
  return {
    tenant,
    generated_at: now.toISOString(),
    regions,
    unplaced,
    countries: [...countries.values()]
      .map((c) => ({ ...c, recipients: c.recipients.map((r) => ({ ...r, receives: r.receives.sort() })) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    unknown_region_datasets: picture.unknown_region_datasets,
    open_violations: picture.open_violations,
    data_classes: picture.classes,
    flows: [...flows.values()].sort((a, b) => b.outcomes.violation - a.outcomes.violation || b.flows - a.flows),
  };
}
