import "server-only";
import type { Actor, UserActor } from "@/platform/auth/actor";
import { ForbiddenError, UnauthenticatedError } from "@/platform/errors";
import { allowedActions, authorize, type RegionAction } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { currentRegion } from "@/platform/region/registry";

export interface RegionScope {
  actor: UserActor;
  region: { id: string };
  /** Which of `candidates` the policy lets this actor do in this region (a read model's `allowed_actions`). */
  allowed: <A extends RegionAction>(candidates: readonly A[]) => A[];
}

/** What a refused caller is told, per action: who may do it instead. */
const REFUSALS: Record<RegionAction, string> = {
  "region.tenants.read": "Only provider staff see the region's tenants.",
  "region.reviews.read": "Only compliance officers see the region's review queue.",
  "region.integrity.read": "Only compliance officers and provider admins see the region's log integrity.",
  "region.support.request": "Only support engineers request support access.",
  "region.ingest.manage": "Only provider admins manage the region's ingest tokens.",
  "region.subprocessors.manage": "Only provider admins manage the subprocessor register.",
  "region.subprocessors.read": "Only provider admins and compliance officers see the register's pending changes.",
  "region.subprocessors.review":
    "Only a compliance officer who did not propose the change may approve or reject it (four eyes).",
  "region.subprocessor_objections.resolve": "Only compliance officers resolve customers' objections.",
  "region.lawful_access.read": "Only compliance officers see the region's lawful-access register.",
  "region.lawful_access.manage":
    "Only compliance officers record lawful-access requests and issue transparency reports.",
  "region.lawful_access.close": "Only a compliance officer who did not record the request may close it (four eyes).",
  "region.reviews.resolve": "Only compliance officers work the region's review queue.",
  "region.reviews.configure": "Only compliance officers set the review queue's deadlines.",
  "region.governance.read": "Only compliance officers and provider admins see the region's governance metrics.",
  "region.drills.read": "Only compliance officers see the region's residency drills.",
};

/**
 * Every region-level entry point (provider staff acting on this region, not on one tenant)
 * goes through here: a signed-in user, and the policy's answer for `action` on this region.
 * A refusal is a 403: the region is no secret. Refused region actions are not written to an
 * audit log: the denied-change record is a tenant's (see withTenant), and no tenant is involved.
 */
export async function withRegion<T>(
  actor: Actor,
  action: RegionAction,
  run: (scope: RegionScope) => T | Promise<T>,
): Promise<T> {
  if (actor.type !== "user") throw new UnauthenticatedError();
  const region = { id: currentRegion().id };
  const principal = policyPrincipal(actor);
  const resource = { type: "Region" as const, id: region.id };
  if (!authorize(principal, action, resource).allowed) throw new ForbiddenError(REFUSALS[action]);
  return run({ actor, region, allowed: (candidates) => allowedActions(principal, candidates, resource) });
}
