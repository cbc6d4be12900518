import "server-only";
import type { Prisma } from "@/lib/data/generated/prisma/client";
import { questionKey, type FlowQuestion } from "@/lib/lineage/evaluation";

/**
 * The lineage side of the sharing decisions: asks evaluateFlow (lib/data/sharing-evaluate.ts)
 * whether the decisions in force allow a flow. Until that module is wired in, every border
 * crossing is a violation (default deny). Asked outside any transaction: on the embedded
 * database the one connection belongs to the transaction, and evaluateFlow reads through its own.
 */

export interface FlowAnswer {
  outcome: "allowed" | "allowed_with_condition" | "violation";
  /** The decisions that produced the answer, as evaluateFlow describes them (JSON). */
  decisions: Prisma.InputJsonValue[];
  reason: string;
}

export type FlowEvaluator = (tenantId: string, question: FlowQuestion & { at: Date }) => Promise<{ outcome: FlowAnswer["outcome"]; decisions: unknown; reason: string }>;

const defaultDeny: FlowEvaluator = async (_tenantId, q) => ({
  outcome: "violation",
  decisions: [],
  reason: `No decision in force allows ${q.dataClasses.join(", ")} to ${q.to.kind === "region" ? q.to.id : `${q.to.id} (${q.to.region})`} (default deny).`,
});

let override: FlowEvaluator | null = null;

/** A test seam: evaluate with `evaluator` instead of the decisions in force (null restores them). */
export function setFlowEvaluatorForTests(evaluator: FlowEvaluator | null): void {
  override = evaluator;
}

function evaluator(): FlowEvaluator {
  return override ?? defaultDeny;
}

function asJsonArray(value: unknown): Prisma.InputJsonValue[] {
  if (!Array.isArray(value)) return [];
  // Whatever evaluateFlow returns is stored as JSON: drop anything that is not.
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue[];
}

/** Answers each distinct question once. */
export async function evaluateFlows(questions: readonly { tenantId: string; question: FlowQuestion }[], at: Date): Promise<Map<string, FlowAnswer>> {
  const answers = new Map<string, FlowAnswer>();
  const evaluate = evaluator();
  for (const { tenantId, question } of questions) {
    const key = questionKey(tenantId, question);
    if (answers.has(key)) continue;
    const a = await evaluate(tenantId, { ...question, at });
    answers.set(key, { outcome: a.outcome, decisions: asJsonArray(a.decisions), reason: a.reason });
  }
  return answers;
}
