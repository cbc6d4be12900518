import type { CompilableVersion } from "@/modules/sharing/domain/compile";
import { crossesBorder, destinationKey, type Destination } from "@/modules/sharing/domain/destination";
import { askTransfer, type LoadedPolicy } from "@/modules/sharing/domain/engine";
import type { DestinationKind, FlowForm, LegalBasis, SharingOutcome } from "@/modules/sharing/domain/model";

/** A movement of data the lineage (or an access) describes, to be judged against the DPA. */
export interface FlowInput {
  /** Data class keys the flow carries. */
  dataClasses: string[];
  from: { region: string };
  /** `id`: region id, partner name or subprocessor name; `region`: where it processes (region id or country code). */
  to: { kind: DestinationKind; id: string; region?: string | null };
  at: Date;
  /** What the flow says it carries; when absent, a conditional decision allows it on its condition. */
  form?: FlowForm;
}

export type FlowOutcome = "allowed" | "allowed_with_condition" | "violation";

export interface AppliedDecision {
  decisionId: string;
  versionId: string;
  version: number;
  dataClass: string;
  outcome: SharingOutcome;
  legalBasis: LegalBasis | null;
  tiaRef: string | null;
  dpaClause: string | null;
}

export interface ClassVerdict {
  dataClass: string;
  outcome: FlowOutcome;
  /** The decision that allowed, conditioned or explicitly denied it; null for the default deny. */
  decisionId: string | null;
  /** For allowed_with_condition: the only forms the decision lets through. */
  condition: "pseudonymised" | "aggregate" | null;
  reason: string;
}

export interface FlowEvaluation {
  outcome: FlowOutcome;
  /** Ids of the decisions applied (allowing, conditioning or explicitly denying). */
  decisions: string[];
  applied: AppliedDecision[];
  classes: ClassVerdict[];
  borderCrossing: boolean;
  reason: string;
}

function flowDestination(flow: FlowInput): Destination {
  return {
    kind: flow.to.kind,
    id: flow.to.id,
    location: flow.to.kind === "region" ? flow.to.id : (flow.to.region ?? null),
  };
}

const CONDITION: Partial<Record<SharingOutcome, "pseudonymised" | "aggregate">> = {
  allow_pseudonymised: "pseudonymised",
  allow_aggregates: "aggregate",
};
const ONLY: Record<"pseudonymised" | "aggregate", string> = {
  pseudonymised: "pseudonymised or aggregated data only",
  aggregate: "aggregates only",
};

function describe(v: CompilableVersion): string {
  return `decision ${v.decisionId} (version ${v.version}${v.legalBasis ? `, ${v.legalBasis}` : ""})`;
}

function judgeClass(
  policy: LoadedPolicy,
  dataClass: string,
  dest: string,
  label: string,
  flow: FlowInput,
): { verdict: ClassVerdict; version: CompilableVersion | null } {
  const versionOf = (ids: string[]) =>
    ids.map((id) => policy.compiled.versions.get(id)).find((v) => v !== undefined) ?? null;
  const ask = (form: FlowForm) => askTransfer(policy, dataClass, dest, form, flow.at);
  const allowed = (
    v: CompilableVersion | null,
    form: FlowForm | null,
  ): { verdict: ClassVerdict; version: CompilableVersion | null } => {
    const condition = v ? (CONDITION[v.outcome] ?? null) : null;
    const outcome: FlowOutcome = condition ? "allowed_with_condition" : "allowed";
    const because = v ? describe(v) : "a decision";
    const reason = condition
      ? `${dataClass} may go to ${label} as ${ONLY[condition]}${form ? ` (the flow carries ${form} data)` : ""}, by ${because}.`
      : `${dataClass} may go to ${label}, by ${because}.`;
    return { verdict: { dataClass, outcome, decisionId: v?.decisionId ?? null, condition, reason }, version: v };
  };
  const violation = (v: CompilableVersion | null, reason: string) => ({
    verdict: { dataClass, outcome: "violation" as const, decisionId: v?.decisionId ?? null, condition: null, reason },
    version: v,
  });

  const forms: FlowForm[] = flow.form ? [flow.form] : ["raw", "pseudonymised", "aggregate"];
  for (const form of forms) {
    const answer = ask(form);
    const v = versionOf(answer.policies);
    if (answer.allowed) return allowed(v, flow.form ?? null);
    if (v?.outcome === "deny")
      return violation(v, `${dataClass} must not go to ${label}: explicitly denied by ${describe(v)}.`);
  }
  if (flow.form) {
    // Say why a stated form was refused when the decision would allow another one.
    for (const other of (["pseudonymised", "aggregate"] as const).filter((f) => f !== flow.form)) {
      const answer = ask(other);
      const v = versionOf(answer.policies);
      if (answer.allowed && v && CONDITION[v.outcome]) {
        return violation(
          v,
          `${dataClass} may go to ${label} as ${ONLY[CONDITION[v.outcome]!]}, by ${describe(v)}; the flow carries ${flow.form} data.`,
        );
      }
    }
  }
  return violation(null, `No decision in force allows ${dataClass} to go to ${label}: denied by default.`);
}

/**
 * A compiled policy's answers change only at the start or end of some version's window, so a
 * class's verdict for one destination and form is the same for every instant between two such
 * boundaries: each is asked of Cedar once per stretch of time and remembered with the loaded
 * policy (a new policy starts a new memo). Bounded, because destinations come from ingested data.
 */
interface Memo {
  boundaries: number[];
  answers: Map<string, Judged>;
}
type Judged = ReturnType<typeof judgeClass>;
const MEMO_LIMIT = 20_000;
const memos = new WeakMap<LoadedPolicy, Memo>();

function memoOf(policy: LoadedPolicy): Memo {
  let memo = memos.get(policy);
  if (!memo) {
    const times = [...policy.compiled.versions.values()].flatMap((v) => [
      v.window.from.getTime(),
      ...(v.window.until ? [v.window.until.getTime()] : []),
    ]);
    memo = { boundaries: [...new Set(times)].sort((a, b) => a - b), answers: new Map() };
    memos.set(policy, memo);
  }
  return memo;
}

/** How many boundaries are at or before `at`: the stretch of time it falls in. */
function stretch(boundaries: number[], at: number): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boundaries[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function judgeClassRemembered(
  policy: LoadedPolicy,
  dataClass: string,
  dest: string,
  label: string,
  flow: FlowInput,
): Judged {
  const memo = memoOf(policy);
  const key = `${stretch(memo.boundaries, flow.at.getTime())}|${flow.form ?? ""}|${dest}|${label}|${dataClass}`;
  const known = memo.answers.get(key);
  if (known) return known;
  const judged = judgeClass(policy, dataClass, dest, label, flow);
  if (memo.answers.size >= MEMO_LIMIT) memo.answers.clear();
  memo.answers.set(key, judged);
  return judged;
}

/** Judges one flow with the tenant's loaded policy. Every class must be allowed for the flow to be. */
export function judgeFlow(
  policy: LoadedPolicy,
  flow: FlowInput,
  countryOf: (region: string) => string | undefined,
): FlowEvaluation {
  const destination = flowDestination(flow);
  const place = destination.kind === "region" ? destination.id : destination.location;
  const label =
    destination.kind === "region"
      ? destination.id
      : `${destination.kind} ${destination.id}${place ? ` (${place})` : ""}`;
  if (!crossesBorder(flow.from.region, place, countryOf)) {
    return {
      outcome: "allowed",
      decisions: [],
      applied: [],
      classes: [],
      borderCrossing: false,
      reason: `The flow stays in ${flow.from.region}: not a border crossing, no decision needed.`,
    };
  }
  const classes = [...new Set(flow.dataClasses)];
  if (classes.length === 0) {
    return {
      outcome: "violation",
      decisions: [],
      applied: [],
      classes: [],
      borderCrossing: true,
      reason: `The flow to ${label} declares no data classes, so no decision can allow it.`,
    };
  }
  const dest = destinationKey(destination);
  const judged = classes.map((c) => judgeClassRemembered(policy, c, dest, label, flow));
  const verdicts = judged.map((j) => j.verdict);
  const applied: AppliedDecision[] = judged.flatMap(({ version: v }) =>
    v
      ? [
          {
            decisionId: v.decisionId,
            versionId: v.versionId,
            version: v.version,
            dataClass: v.dataClass,
            outcome: v.outcome,
            legalBasis: v.legalBasis,
            tiaRef: v.tiaRef,
            dpaClause: v.dpaClause,
          },
        ]
      : [],
  );
  const outcome: FlowOutcome = verdicts.some((v) => v.outcome === "violation")
    ? "violation"
    : verdicts.some((v) => v.outcome === "allowed_with_condition")
      ? "allowed_with_condition"
      : "allowed";
  const relevant = outcome === "violation" ? verdicts.filter((v) => v.outcome === "violation") : verdicts;
  return {
    outcome,
    decisions: [...new Set(applied.map((a) => a.decisionId))],
    applied,
    classes: verdicts,
    borderCrossing: true,
    reason: relevant.map((v) => v.reason).join(" "),
  };
}
