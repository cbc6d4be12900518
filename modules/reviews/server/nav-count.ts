import "server-only";
import type { UserActor } from "@/platform/auth/actor";
import { authorize } from "@/platform/policy/engine";
import { policyPrincipal } from "@/platform/policy/principal";
import { currentRegion } from "@/platform/region/registry";
import { openReviewCount } from "@/modules/reviews/server/queue";

/**
 * The navigation's count of open review items, for those who see the queue (null for everyone
 * else, who pay nothing). Every page of the portal renders it, so it is one count on the
 * (state, due_at) index and no more.
 */
export async function openReviewCountFor(actor: UserActor): Promise<number | null> {
  if (!authorize(policyPrincipal(actor), "region.reviews.read", { type: "Region", id: currentRegion().id }).allowed)
    return null;
  return openReviewCount();
}
