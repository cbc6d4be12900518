import { destinationKey } from "@/modules/sharing/domain/destination";
import { PERMITTED_FORMS, type FlowForm, type SharingOutcome } from "@/modules/sharing/domain/model";
import { policyId } from "@/modules/sharing/domain/policy-id";
import type { EdgeOutcome } from "@/modules/lineage/domain/evaluation";

/**
 * "Explain": how a flow was judged, in words, from what its evaluation stored (the crossing,
 * the data classes, the form, and the decisions evaluateFlow applied: modules/sharing/domain/verdict.ts).
 * For each data class, the question put to Cedar (may this class be transferred to this
 * destination, at that time, in that form?) and its answer: the policy of a decision version
 * that permitted or forbade it, or none (the default deny). The flow is allowed only if every
 * class is. Pure: the browser builds it from the graph, and tests/lineage/explain.test.ts checks
 * it against the verdicts the sharing evaluation gives.
 */

/** One decision version the evaluation applied, as stored on the edge (AppliedDecision in sharing). */
export interface AppliedRecord {
  decisionId: string;
  versionId: string;
  version: number;
  dataClass: string;
  outcome: SharingOutcome;
  legalBasis: string | null;
  tiaRef: string | null;
  dpaClause: string | null;
}

export type ClassVerdict = "allowed" | "allowed_with_condition" | "violation";

export interface ClassStep {
  dataClass: string;
  /** The class's name (the key when the tenant has no such class). */
  name: string;
  verdict: ClassVerdict;
  /** The Cedar request, as the engine is asked it. */
  question: string;
  /** The policy that decided, or null: nothing permitted it and nothing forbade it. */
  policy: string | null;
  decisionId: string | null;
  /** Whether a decision for this class and destination exists (a proposal changes it rather than adding one). */
  hasDecision: boolean;
  /** The answer, in words. */
  text: string;
}

export interface Explanation {
  outcome: EdgeOutcome;
  /** Where the flow goes and what it carries, before any decision is asked. */
  steps: string[];
  /** Per data class, in the order the flow names them; empty when no decision was asked. */
  classes: ClassStep[];
  /** Why the flow as a whole got its outcome. */
  conclusion: string;
}

export interface FlowPlace {
  from: string | null;
  to: string | null;
  /** The destination dataset's subprocessor, when the flow goes into one. */
  subprocessor: string | null;
}

export interface StoredEvaluation {
  outcome: EdgeOutcome;
  crossing: string | null;
  data_classes: string[];
  form: string | null;
  decisions: unknown;
}

const SHARING_OUTCOMES: readonly string[] = ["deny", "allow", "allow_aggregates", "allow_pseudonymised"];

/** The applied decisions stored on an edge, read defensively (it is JSON from the database). */
export function appliedDecisions(json: unknown): AppliedRecord[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((d): AppliedRecord[] => {
    if (typeof d !== "object" || d === null) return [];
    const r = d as Record<string, unknown>;
    if (typeof r.decisionId !== "string" || typeof r.dataClass !== "string" || typeof r.version !== "number") return [];
    if (typeof r.outcome !== "string" || !SHARING_OUTCOMES.includes(r.outcome)) return [];
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    return [
      {
        decisionId: r.decisionId,
        versionId: str(r.versionId) ?? "",
        version: r.version,
        dataClass: r.dataClass,
        outcome: r.outcome as SharingOutcome,
        legalBasis: str(r.legalBasis),
        tiaRef: str(r.tiaRef),
        dpaClause: str(r.dpaClause),
      },
    ];
  });
}

const LEGAL_BASIS: Record<string, string> = {
  adequacy: "an adequacy decision",
  sccs: "standard contractual clauses",
  bcrs: "binding corporate rules",
  consent: "consent",
  art49_derogation: "an Article 49 derogation",
};

const FORM_WORDS: Record<string, string> = {
  raw: "raw",
  pseudonymised: "pseudonymised",
  aggregate: "aggregated",
};

const ONLY: Partial<Record<SharingOutcome, string>> = {
  allow_pseudonymised: "only as pseudonymised or aggregated data",
  allow_aggregates: "only as aggregates",
};

export const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

function versionWords(a: AppliedRecord): string {
  const basis = a.legalBasis ? `, on ${LEGAL_BASIS[a.legalBasis] ?? a.legalBasis}` : "";
  const clause = a.dpaClause ? `, DPA ${a.dpaClause}` : "";
  return `version ${a.version} of its decision${basis}${clause}`;
}

/** The destination as a decision names it, and its Cedar entity id. */
function destination(place: FlowPlace, crossing: string | null): { label: string; key: string } | null {
  if (!place.to) return null;
  if (crossing === "subprocessor" && place.subprocessor) {
    const d = { kind: "subprocessor" as const, id: place.subprocessor, location: place.to };
    return { label: `the subprocessor ${place.subprocessor} (in ${place.to})`, key: destinationKey(d) };
  }
  return { label: place.to, key: destinationKey({ kind: "region", id: place.to, location: place.to }) };
}

function judgeClass(
  key: string,
  name: string,
  applied: AppliedRecord | undefined,
  form: string | null,
  dest: { label: string; key: string },
  flowOutcome: EdgeOutcome,
): ClassStep {
  const question = `may DataClass::"${key}" transfer to Destination::"${dest.key}" ${form ? `as ${form} data?` : "as raw, else pseudonymised, else aggregated data? (the flow states no form)"}`;
  const base = { dataClass: key, name, question, hasDecision: applied !== undefined };
  if (!applied) {
    // A flow judged allowed always names the decision of each class; a record without one is
    // older than that, and nothing more can be said than its outcome.
    if (flowOutcome === "allowed" || flowOutcome === "allowed_with_condition")
      return {
        ...base,
        verdict: "allowed",
        policy: null,
        decisionId: null,
        text: `${name} may go to ${dest.label}; the evaluation did not record which decision allowed it.`,
      };
    return {
      ...base,
      verdict: "violation",
      policy: null,
      decisionId: null,
      text: `No policy permits ${name} to go to ${dest.label}, and none forbids it: no decision in force covers it, so Cedar's default deny applies.`,
    };
  }
  const policy = policyId(applied);
  const by = `${policy} (${versionWords(applied)})`;
  const at = { ...base, policy, decisionId: applied.decisionId };
  if (applied.outcome === "deny")
    return {
      ...at,
      verdict: "violation",
      text: `${by} forbids ${name} to go to ${dest.label}: the decision says deny, and a forbid wins over any permit.`,
    };
  if (applied.outcome === "allow")
    return { ...at, verdict: "allowed", text: `${by} permits ${name} to go to ${dest.label}.` };
  const only = ONLY[applied.outcome]!;
  const permitted = PERMITTED_FORMS[applied.outcome] as readonly string[];
  if (!form)
    return {
      ...at,
      verdict: "allowed_with_condition",
      text: `${by} permits ${name} to go to ${dest.label} ${only}. The flow does not say its form, so it is allowed on that condition.`,
    };
  if (permitted.includes(form as FlowForm))
    return {
      ...at,
      verdict: "allowed_with_condition",
      text: `${by} permits ${name} to go to ${dest.label} ${only}; the flow carries ${FORM_WORDS[form] ?? form} data, which the condition allows.`,
    };
  return {
    ...at,
    verdict: "violation",
    text: `${by} permits ${name} to go to ${dest.label} ${only}, but the flow carries ${FORM_WORDS[form] ?? form} data: no policy permits that form.`,
  };
}

/** How the flow was judged, step by step, with each data class by its name. */
export function explainFlow(
  ev: StoredEvaluation,
  place: FlowPlace,
  nameOf: (key: string) => string = (k) => k,
): Explanation {
  const names = ev.data_classes.map(nameOf);
  const carries = names.length ? `It carries ${list(names)}` : "It names no data class";
  const formWords = ev.form
    ? `, as ${FORM_WORDS[ev.form] ?? ev.form} data (the form its destination declares).`
    : ". Its destination does not declare a form: a decision that allows only pseudonymised data or aggregates allows it on that condition.";

  if (ev.outcome === "unknown_region") {
    const which = !place.from && !place.to ? "either end" : !place.from ? "the source" : "the destination";
    return {
      outcome: ev.outcome,
      steps: [
        `The region of ${which} is unknown, so nobody can tell whether this flow crosses a border. No decision was asked.`,
      ],
      classes: [],
      conclusion:
        "Place the dataset (a terrane_residency facet from its producer, or a namespace rule) and the flow is judged on its next sighting.",
    };
  }
  const dest = destination(place, ev.crossing);
  if (ev.outcome === "in_region" || !ev.crossing || !dest) {
    return {
      outcome: ev.outcome,
      steps: [`It stays in ${place.from ?? "its region"}: not a border crossing, so no sharing decision is asked.`],
      classes: [],
      conclusion: "Stays in region.",
    };
  }
  const where =
    ev.crossing === "subprocessor"
      ? `The flow goes from ${place.from} into the hands of ${dest.label}: a border crossing, so a sharing decision must allow it.`
      : `The flow goes from ${place.from} to ${dest.label}, another region: a border crossing, so a sharing decision must allow it.`;
  const steps = [where, `${carries}${ev.data_classes.length ? formWords : "."}`];
  if (ev.data_classes.length === 0) {
    return {
      outcome: ev.outcome,
      steps,
      classes: [],
      conclusion:
        "A crossing that names no data class cannot be allowed by any decision: nobody can say it is harmless (default deny). It is a violation.",
    };
  }
  const applied = appliedDecisions(ev.decisions);
  const classes = ev.data_classes.map((key, i) =>
    judgeClass(
      key,
      names[i]!,
      applied.find((a) => a.dataClass === key),
      ev.form,
      dest,
      ev.outcome,
    ),
  );
  steps.push(
    `Cedar was asked once per data class, against the tenant's decisions in force when the flow was judged; anything no policy permits is denied.`,
  );
  const refused = classes.filter((c) => c.verdict === "violation").map((c) => c.name);
  const conditional = classes.filter((c) => c.verdict === "allowed_with_condition").map((c) => c.name);
  const conclusion =
    ev.outcome === "violation" && refused.length === 0
      ? "The evaluation judged the flow a violation; its record does not say which data class was refused."
      : refused.length > 0
        ? `A flow is allowed only if every data class it carries is: ${list(refused)} ${refused.length === 1 ? "is" : "are"} not, so the flow is a violation.`
        : conditional.length > 0
          ? `Every data class it carries is allowed, ${list(conditional)} only on a condition: the flow is allowed with a condition.`
          : "Every data class it carries is allowed: the flow is allowed.";
  return { outcome: ev.outcome, steps, classes, conclusion };
}
