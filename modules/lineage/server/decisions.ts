import "server-only";
import type { Prisma } from "@/platform/db/generated/prisma/client";
import { evaluateFlows as judgeFlows, type FlowEvaluation } from "@/modules/sharing/server/evaluate";
import { questionKey, type FlowQuestion } from "@/modules/lineage/domain/evaluation";

/**
 * The lineage side of the sharing decisions: asks evaluateFlow (modules/sharing/server/evaluate.ts)
 * whether the decisions in force allow each border-crossing flow, one batch per tenant.
 * Asked outside any transaction: on the embedded database the one connection belongs to the
 * transaction, and evaluateFlow reads the decisions through its own.
 */

export interface FlowAnswer {
  outcome: "allowed" | "allowed_with_condition" | "violation";
  /** The decisions that produced the answer, as evaluateFlow describes them (JSON). */
  decisions: Prisma.InputJsonValue[];
  reason: string;
}

export type FlowEvaluator = (
  tenantId: string,
  question: FlowQuestion & { at: Date },
) => Promise<{ outcome: FlowAnswer["outcome"]; decisions: unknown; reason: string }>;

let override: FlowEvaluator | null = null;

/** A test seam: evaluate with `evaluator` instead of the decisions in force (null restores them). */
export function setFlowEvaluatorForTests(evaluator: FlowEvaluator | null): void {
  override = evaluator;
}

function asJsonArray(value: unknown): Prisma.InputJsonValue[] {
  if (!Array.isArray(value)) return [];
  // Whatever evaluateFlow returns is stored as JSON: drop anything that is not.
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue[];
}

/** What is kept on the edge: the decisions applied, as evaluateFlow names them. */
function fromEvaluation(e: FlowEvaluation): FlowAnswer {
  return { outcome: e.outcome, decisions: asJsonArray(e.applied), reason: e.reason };
}

/** Answers each distinct question once; the decisions' policy is loaded once per tenant. */
export async function evaluateFlows(
  questions: readonly { tenantId: string; question: FlowQuestion }[],
  at: Date,
): Promise<Map<string, FlowAnswer>> {
  const answers = new Map<string, FlowAnswer>();
  const byTenant = new Map<string, Map<string, FlowQuestion>>();
  for (const { tenantId, question } of questions) {
    const key = questionKey(tenantId, question);
    if (!byTenant.has(tenantId)) byTenant.set(tenantId, new Map());
    byTenant.get(tenantId)!.set(key, question);
  }
  for (const [tenantId, pending] of byTenant) {
    const entries = [...pending.entries()];
    if (override) {
      for (const [key, q] of entries) {
        const a = await override(tenantId, { ...q, at });
        answers.set(key, { outcome: a.outcome, decisions: asJsonArray(a.decisions), reason: a.reason });
      }
      continue;
    }
    const judged = await judgeFlows(
      tenantId,
      entries.map(([, q]) => ({ ...q, at })),
    );
    entries.forEach(([key], i) => answers.set(key, fromEvaluation(judged[i]!)));
  }
  return answers;
}
