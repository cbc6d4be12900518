import type { DataForm } from "@/modules/lineage/domain/terrane-facets";

/**
 * What a dataset-to-dataset flow means for residency, before any decision is consulted:
 * whether it crosses a border (another region, or into a subprocessor's hands), which data
 * classes it carries, and in which form. Pure.
 */

export const OUTCOMES = ["in_region", "allowed", "allowed_with_condition", "unknown_region", "violation"] as const;
export type EdgeOutcome = (typeof OUTCOMES)[number];
/** Worse outcomes rank higher: aggregates show the worst edge they contain. */
export const OUTCOME_RANK: Record<EdgeOutcome, number> = {
  in_region: 0,
  allowed: 1,
  allowed_with_condition: 2,
  unknown_region: 3,
  violation: 4,
};
export const worst = (a: EdgeOutcome, b: EdgeOutcome): EdgeOutcome => (OUTCOME_RANK[a] >= OUTCOME_RANK[b] ? a : b);

export type Crossing = "region" | "subprocessor";

export interface Placed {
  region: string | null;
  subprocessor: string | null;
  form: DataForm | null;
  dataClasses: string[];
}

/** The question evaluateFlow answers (modules/sharing/server/evaluate.ts). */
export interface FlowQuestion {
  dataClasses: string[];
  from: { region: string };
  to: { kind: "region" | "subprocessor"; id: string; region: string };
  form?: DataForm;
}

export type FlowClassification =
  | { crossing: Crossing; dataClasses: string[]; form: DataForm | null; question: FlowQuestion }
  | {
      crossing: Crossing | null;
      dataClasses: string[];
      form: DataForm | null;
      question: null;
      outcome: EdgeOutcome;
      reason: string;
    };

/**
 * A flow carries the data classes of both ends: what the source holds moves, and what the
 * destination declares is what lands there (a pseudonymising job's output names the derived
 * class). The form is the destination's: a decision may allow only pseudonymised or aggregate
 * data. A border crossing that names no data class at all is refused like any other unallowed
 * flow (default deny): nobody can say it is harmless.
 */
export function classifyFlow(from: Placed, to: Placed): FlowClassification {
  const dataClasses = [...new Set([...from.dataClasses, ...to.dataClasses])].sort();
  const form = to.form;
  if (!from.region || !to.region) {
    const which = !from.region && !to.region ? "either end" : !from.region ? "the source" : "the destination";
    return {
      crossing: null,
      dataClasses,
      form,
      question: null,
      outcome: "unknown_region",
      reason: `The region of ${which} is unknown, so nobody can tell whether this flow crosses a border.`,
    };
  }
  const intoSubprocessor = to.subprocessor !== null && to.subprocessor !== from.subprocessor;
  const crossing: Crossing | null = intoSubprocessor ? "subprocessor" : from.region !== to.region ? "region" : null;
  if (!crossing)
    return { crossing, dataClasses, form, question: null, outcome: "in_region", reason: `Stays in ${from.region}.` };
  if (dataClasses.length === 0) {
    return {
      crossing,
      dataClasses,
      form,
      question: null,
      outcome: "violation",
      reason: "Crosses a border without naming a data class: nothing can allow it (default deny).",
    };
  }
  const to_ =
    crossing === "subprocessor"
      ? { kind: "subprocessor" as const, id: to.subprocessor!, region: to.region }
      : { kind: "region" as const, id: to.region, region: to.region };
  return {
    crossing,
    dataClasses,
    form,
    question: { dataClasses, from: { region: from.region }, to: to_, ...(form ? { form } : {}) },
  };
}

/** Same question, same answer: the cache key of an evaluation within one batch. */
export function questionKey(tenantId: string, q: FlowQuestion): string {
  return JSON.stringify([tenantId, q.from.region, q.to.kind, q.to.id, q.to.region, q.dataClasses, q.form ?? null]);
}
