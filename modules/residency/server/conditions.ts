/**
 * What counts, in SQL, so that every reader counts the same rows: the picture, lineage's
 * findings, governance's daily figures and attestations' residency facts.
 */

/** An alert still to be dealt with: raised, perhaps claimed, not resolved. */
export const UNRESOLVED_ALERT = `status IN ('open', 'acknowledged')`;

/** An open border violation (on lineage_alerts). */
export const OPEN_BORDER_VIOLATION = `kind = 'border_violation' AND ${UNRESOLVED_ALERT}`;

/** A flow that left its region or whose region is unknown (on lineage_edges e). */
export const BORDER_FLOW = `e.kind = 'flow' AND e.outcome <> 'in_region'`;
