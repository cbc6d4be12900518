/**
 * What a reader of the lineage may do from a violation, as the answer's `allowed_actions`
 * names it (decided by the policy for the caller): draft a sharing decision, review one (so a
 * draft goes to a second officer, not to the provider), read the tenant's review items, or work
 * the region's review queue.
 */
export const LINEAGE_ACTIONS = ["decisions.draft", "decisions.review", "reviews.read", "region.reviews.read"] as const;
export type LineageAction = (typeof LINEAGE_ACTIONS)[number];
