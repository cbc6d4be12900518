/**
 * Who used a key, as key_usage_hourly.source records it: the data plane's own operations
 * (reported to the key-usage ingest) or the portal's reads on the customer's behalf. They are
 * separate series, so the portal's page views never read as the kill switch refusing the data plane.
 */
export const USAGE_SOURCES = ["data_plane", "portal"] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

export const DATA_PLANE_SOURCE: UsageSource = "data_plane";
export const PORTAL_SOURCE: UsageSource = "portal";

/** A stored source; rows from before the column existed are the data plane's. */
export const usageSourceOf = (stored: string): UsageSource =>
  stored === PORTAL_SOURCE ? PORTAL_SOURCE : DATA_PLANE_SOURCE;
