import "server-only";
import { prisma } from "@/platform/db/db";
import { sharingPolicy } from "@/modules/sharing/server/policy";
import { findRegion } from "@/platform/region/registry";
import { judgeFlow, type FlowEvaluation, type FlowInput } from "@/modules/sharing/domain/verdict";

export type {
  AppliedDecision,
  ClassVerdict,
  FlowEvaluation,
  FlowInput,
  FlowOutcome,
} from "@/modules/sharing/domain/verdict";
export type { DestinationKind, FlowForm } from "@/modules/sharing/domain/model";

const countryOf = (region: string) => findRegion(region)?.country;

/**
 * Judges one flow of a tenant's data against the sharing decisions in force at `flow.at`:
 * "allowed", "allowed_with_condition" (a decision allows only aggregates or pseudonymised
 * data) or "violation" (default deny, an explicit deny, or a form the decision does not
 * allow). A flow is allowed only if every data class it carries is; a flow that stays in
 * its region is not a border crossing and needs no decision.
 *
 * For the region's own evaluation of lineage edges and access events: it takes a tenant id,
 * not an actor, because its callers (ingest) have already authenticated and scoped the tenant.
 * The compiled policy is cached per tenant (see sharing-policy.ts).
 */
export async function evaluateFlow(tenantId: string, flow: FlowInput): Promise<FlowEvaluation> {
  const policy = await sharingPolicy(await prisma(), tenantId);
  return judgeFlow(policy, flow, countryOf);
}

/** Many flows of one tenant against one policy (one revision check for the batch). */
export async function evaluateFlows(tenantId: string, flows: FlowInput[]): Promise<FlowEvaluation[]> {
  const policy = await sharingPolicy(await prisma(), tenantId);
  return flows.map((flow) => judgeFlow(policy, flow, countryOf));
}
