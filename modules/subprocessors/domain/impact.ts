/**
 * Which of a tenant's data classes a subprocessor touches, and whether a sharing decision allows
 * each at every place it processes. Pure: the server reads the facts and asks the sharing engine
 * (one batch of flows per tenant); this file plans that batch and reads its answers.
 */
import { normaliseName } from "@/modules/sharing/domain/destination";
import type { FlowEvaluation, FlowInput } from "@/modules/sharing/domain/verdict";

/** Why a class counts as touched: the register says it processes it, lineage reaches it, a decision names it. */
export const IMPACT_SOURCES = ["register", "lineage", "decision"] as const;
export type ImpactSource = (typeof IMPACT_SOURCES)[number];

export interface ClassInfo {
  name: string;
  sensitivity: string;
}

/** An accepted, allowing version naming a subprocessor (any location), as the tenant's compiled policy has it. */
export interface DecisionRef {
  decisionId: string;
  dataClass: string;
  /** e.g. "customer_pii → Acme Mail (subprocessor, US)". */
  label: string;
  /** When it is in force: [from, until). */
  from: Date;
  until: Date | null;
}

/** What one tenant's registers say, read once for every subprocessor judged. */
export interface TenantFacts {
  tenantId: string;
  homeRegion: string;
  /** The classes the tenant uses (catalogue and its own), by key. */
  classes: Map<string, ClassInfo>;
  /** The classes it actually holds: on its stores or in its lineage datasets. */
  held: Set<string>;
  /** Per normalised subprocessor name: what flows into the datasets it holds carry. */
  lineage: Map<string, { classes: Set<string>; flows: number; datasets: number }>;
  /** Per normalised subprocessor name: the accepted allowing decisions that name it. */
  decisions: Map<string, DecisionRef[]>;
  /** Every decision's label by id, to name the one that allows a flow. */
  decisionLabels: Map<string, string>;
}

/** A register entry (active, or a change's `after`) as far as impact goes. */
export interface ImpactTarget {
  name: string;
  data_classes: readonly string[];
  locations: readonly string[];
  /** When it would receive the data: now for an active entry, the effective date for a change. */
  at: Date;
}

export interface LocationCheck {
  location: string;
  allowed: boolean;
  /** The sharing engine's outcome; "not_a_transfer" when the place is in the home region's country. */
  outcome: "allowed" | "allowed_with_condition" | "violation" | "not_a_transfer";
  /** Set when a decision allows only some forms: "pseudonymised" or "aggregate". */
  condition: "pseudonymised" | "aggregate" | null;
  /** The decision that allowed (or explicitly denied) it; null for the default deny or no transfer. */
  decision: { id: string; label: string } | null;
  reason: string;
}

export interface TouchedClass {
  key: string;
  name: string;
  sensitivity: string;
  sources: ImpactSource[];
  /** Allowed at every location the subprocessor processes in. */
  allowed: boolean;
  checks: LocationCheck[];
  /** The destinations that would need a decision (none when allowed), e.g. "Acme Mail (subprocessor, US)". */
  missing: string[];
}

export interface Impact {
  touches: boolean;
  /** A touched class no decision allows somewhere the subprocessor processes. */
  flagged: boolean;
  data_classes: TouchedClass[];
  lineage: { flows: number; datasets: number };
}

const SENSITIVITY_ORDER: Record<string, number> = { restricted: 0, confidential: 1, public: 2 };

/** The tenant's classes the target touches, each with why. */
export function touchedClasses(target: ImpactTarget, facts: TenantFacts): Map<string, Set<ImpactSource>> {
  const touched = new Map<string, Set<ImpactSource>>();
  const add = (key: string, source: ImpactSource) => {
    const s = touched.get(key) ?? new Set<ImpactSource>();
    s.add(source);
    touched.set(key, s);
  };
  // The register's word alone counts only for classes the tenant has: a payments provider processing
  // payment data touches no tenant that holds none.
  for (const key of target.data_classes) if (facts.classes.has(key) && facts.held.has(key)) add(key, "register");
  const name = normaliseName(target.name);
  for (const key of facts.lineage.get(name)?.classes ?? []) add(key, "lineage");
  const at = target.at.getTime();
  for (const d of facts.decisions.get(name) ?? [])
    if (d.from.getTime() <= at && (!d.until || at < d.until.getTime())) add(d.dataClass, "decision");
  return touched;
}

/** One flow per touched class and location, from the tenant's home region to the subprocessor there. */
export function plannedFlows(
  target: ImpactTarget,
  touched: Map<string, Set<ImpactSource>>,
  homeRegion: string,
): FlowInput[] {
  return [...touched.keys()].sort().flatMap((dataClass) =>
    target.locations.map((location) => ({
      dataClasses: [dataClass],
      from: { region: homeRegion },
      to: { kind: "subprocessor" as const, id: target.name, region: location },
      at: target.at,
    })),
  );
}

function checkOf(location: string, v: FlowEvaluation, facts: TenantFacts): LocationCheck {
  if (!v.borderCrossing)
    return { location, allowed: true, outcome: "not_a_transfer", condition: null, decision: null, reason: v.reason };
  const c = v.classes[0];
  const outcome = c?.outcome ?? v.outcome;
  const decisionId = c?.decisionId ?? null;
  return {
    location,
    allowed: outcome !== "violation",
    outcome,
    condition: c?.condition ?? null,
    decision: decisionId ? { id: decisionId, label: facts.decisionLabels.get(decisionId) ?? decisionId } : null,
    reason: c?.reason ?? v.reason,
  };
}

/**
 * The impact of one target from the engine's verdicts on `plannedFlows(target, touched, …)`, in
 * the same order.
 */
export function assembleImpact(
  target: ImpactTarget,
  touched: Map<string, Set<ImpactSource>>,
  verdicts: readonly FlowEvaluation[],
  facts: TenantFacts,
): Impact {
  const keys = [...touched.keys()].sort();
  const n = target.locations.length;
  const classes = keys.map((key, i): TouchedClass => {
    const info = facts.classes.get(key);
    const checks = target.locations.map((location, j) => checkOf(location, verdicts[i * n + j]!, facts));
    return {
      key,
      name: info?.name ?? key,
      sensitivity: info?.sensitivity ?? "confidential",
      sources: IMPACT_SOURCES.filter((s) => touched.get(key)!.has(s)),
      allowed: checks.every((c) => c.allowed),
      checks,
      missing: checks.filter((c) => !c.allowed).map((c) => `${target.name} (subprocessor, ${c.location})`),
    };
  });
  classes.sort(
    (a, b) =>
      Number(a.allowed) - Number(b.allowed) ||
      (SENSITIVITY_ORDER[a.sensitivity] ?? 3) - (SENSITIVITY_ORDER[b.sensitivity] ?? 3) ||
      a.name.localeCompare(b.name),
  );
  const lineage = facts.lineage.get(normaliseName(target.name));
  return {
    touches: classes.length > 0,
    flagged: classes.some((c) => !c.allowed),
    data_classes: classes,
    lineage: { flows: lineage?.flows ?? 0, datasets: lineage?.datasets ?? 0 },
  };
}
