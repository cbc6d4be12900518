import "server-only";
import { prisma } from "@/platform/db/db";
import { databaseNow } from "@/platform/db/db-time";
import { currentRegion } from "@/platform/region/registry";
import { countryName } from "@/platform/region/countries";
import { evaluateFlows } from "@/modules/sharing/server/evaluate";
import type { FlowInput } from "@/modules/sharing/domain/verdict";
import type { SubprocessorEntry } from "@/modules/subprocessors/domain/model";
import {
  assembleImpact,
  plannedFlows,
  touchedClasses,
  type Impact,
  type ImpactTarget,
  type TenantFacts,
} from "@/modules/subprocessors/domain/impact";
import type { ImpactView } from "@/modules/subprocessors/api-schemas/tenant";
import { readTenantFacts, type ImpactTenant } from "@/modules/subprocessors/server/impact-facts";
import { entryFromRow, storedEntry, type ChangeRow } from "@/modules/subprocessors/server/rows";

/** A tenant for which an announced change would receive data classes no decision allows. */
export interface FlaggedTenant {
  tenantId: string;
  slug: string;
  name: string;
  /** The tenant's data classes the subprocessor would receive without a decision allowing it. */
  dataClasses: string[];
}

/** An entry would receive data from `effective_at` on, and never in the past. */
function receivingFrom(entry: SubprocessorEntry, now: Date): Date {
  const at = new Date(entry.effective_at);
  return Number.isNaN(at.getTime()) || at < now ? now : at;
}

function targetOf(entry: SubprocessorEntry, at: Date): ImpactTarget {
  return { name: entry.name, data_classes: entry.data_classes, locations: entry.locations, at };
}

/**
 * Judges many targets for one tenant with one call of the sharing engine: every (class, location)
 * flow of every target in one batch, then each target's slice of the answers.
 */
async function judgeTargets(facts: TenantFacts, targets: readonly ImpactTarget[]): Promise<Impact[]> {
  const plans = targets.map((target) => {
    const touched = touchedClasses(target, facts);
    return { target, touched, flows: plannedFlows(target, touched, facts.homeRegion) };
  });
  const all: FlowInput[] = plans.flatMap((p) => p.flows);
  const verdicts = all.length > 0 ? await evaluateFlows(facts.tenantId, all) : [];
  let offset = 0;
  return plans.map((p) => {
    const slice = verdicts.slice(offset, offset + p.flows.length);
    offset += p.flows.length;
    return assembleImpact(p.target, p.touched, slice, facts);
  });
}

/** The impact in the API's words (country names beside the codes). */
export function impactView(impact: Impact): ImpactView {
  return {
    ...impact,
    data_classes: impact.data_classes.map((c) => ({
      ...c,
      checks: c.checks.map((check) => ({ ...check, location_name: countryName(check.location) })),
    })),
  };
}

/**
 * The region's tenants that `after` (a new or changed entry) would flag: those for which it would
 * receive, at its effective date, one of their data classes that no decision allows at one of its
 * locations. A retirement flags nobody. Reads only, outside any transaction (the lead calls it
 * before the change's transaction); one sharing-engine call per tenant.
 */
export async function flaggedTenants(after: SubprocessorEntry): Promise<FlaggedTenant[]> {
  if (after.status === "retired") return [];
  const db = await prisma();
  const tenants = await db.tenant.findMany({
    where: { directory: { homeRegion: currentRegion().id } },
    select: { id: true, slug: true, name: true, directory: { select: { homeRegion: true } } },
    orderBy: { slug: "asc" },
  });
  const refs: ImpactTenant[] = tenants.map((t) => ({ id: t.id, homeRegion: t.directory.homeRegion }));
  const [facts, now] = await Promise.all([readTenantFacts(db, refs), databaseNow(db)]);
  const target = targetOf(after, receivingFrom(after, now));
  const flagged: FlaggedTenant[] = [];
  for (const t of tenants) {
    const [impact] = await judgeTargets(facts.get(t.id)!, [target]);
    const unallowed = impact!.data_classes.filter((c) => !c.allowed).map((c) => c.key);
    if (unallowed.length > 0)
      flagged.push({ tenantId: t.id, slug: t.slug, name: t.name, dataClasses: unallowed.sort() });
  }
  return flagged;
}

export interface TenantImpact {
  now: Date;
  /** The tenant's data classes by key, as the impact names them. */
  classes: TenantFacts["classes"];
  /** The region's active subprocessors with the tenant's impact, by name. */
  subprocessors: (SubprocessorEntry & { impact: Impact })[];
  /** The region's announced changes, soonest first, with the impact of the entry as it will be. */
  changes: { change: ChangeRow; before: SubprocessorEntry | null; after: SubprocessorEntry; impact: Impact }[];
}

/**
 * For one tenant: every active subprocessor of the region (judged now) and every announced change
 * (judged on its `after` entry at its effective date), each with the tenant's data classes it
 * touches and whether a decision allows each at every location. Reads only; one sharing-engine call.
 */
export async function tenantImpact(tenant: ImpactTenant): Promise<TenantImpact> {
  const db = await prisma();
  const region = currentRegion().id;
  const [rows, changes, facts, now] = await Promise.all([
    db.subprocessor.findMany({ where: { region, status: "active" }, orderBy: { name: "asc" } }),
    db.subprocessorChange.findMany({
      where: { region, state: "announced" },
      orderBy: [{ effectiveAt: "asc" }, { createdAt: "asc" }],
    }),
    readTenantFacts(db, [tenant]),
    databaseNow(db),
  ]);
  const entries = rows.map(entryFromRow);
  const upcoming = changes.map((change) => {
    const after = storedEntry(change.after);
    const when = change.effectiveAt && change.effectiveAt > now ? change.effectiveAt : now;
    return { change, before: change.before ? storedEntry(change.before) : null, after, when };
  });
  const judged = await judgeTargets(facts.get(tenant.id)!, [
    ...entries.map((e) => targetOf(e, now)),
    ...upcoming.map((u) => targetOf(u.change.kind === "retire" ? (u.before ?? u.after) : u.after, u.when)),
  ]);
  return {
    now,
    classes: facts.get(tenant.id)!.classes,
    subprocessors: entries.map((e, i) => ({ ...e, impact: judged[i]! })),
    changes: upcoming.map((u, i) => {
      const impact = judged[entries.length + i]!;
      // A retirement takes data away: it shows what stops, and flags nothing.
      return {
        change: u.change,
        before: u.before,
        after: u.after,
        impact: u.change.kind === "retire" ? { ...impact, flagged: false } : impact,
      };
    }),
  };
}
