/**
 * A residency probe: the home region's signed request "would you serve this tenant?" sent to
 * every other region during a wrong-region drill. Each peer checks the signature against the
 * home region's published JWKS, refuses (421) and records the refusal as it records any request
 * for a tenant homed elsewhere. Pure.
 */
import { z } from "zod";

export const PROBE_PAYLOAD_TYPE = "application/vnd.terrane.residency-probe+json";
/** How far a probe's `issued_at` may be from the peer's clock. */
export const PROBE_MAX_SKEW_MS = 5 * 60_000;

export const probePayloadSchema = z.strictObject({
  type: z.literal("terrane.residency-probe/v1"),
  probe_id: z.uuid(),
  drill_id: z.uuid(),
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  from_region: z.string().min(1).max(40),
  to_region: z.string().min(1).max(40),
  issued_at: z.iso.datetime(),
});
export type ProbePayload = z.infer<typeof probePayloadSchema>;

/** What a peer answers (inside its 421 problem) and serves again when asked for the probe. */
export const probeRecordSchema = z.object({
  probe_id: z.string(),
  region: z.string(),
  tenant: z.string(),
  home_region: z.string(),
  refused: z.boolean(),
  /** What this region answers any request for the tenant: 421 (misdirected) with code wrong_region. */
  status: z.number().int(),
  code: z.string(),
  attempt_id: z.string().nullable(),
  audit_entry_id: z.string().nullable(),
  recorded_at: z.string().nullable(),
});
export type ProbeRecord = z.infer<typeof probeRecordSchema>;
