/** The tenant's primary CMK: the one its fields are encrypted under. */
export const PRIMARY_ALIAS = "primary";

/**
 * A tenant's drill key (modules/drills): a CMK of its own that encrypts nothing of the
 * customer's, disabled and re-enabled only by residency drills.
 */
export const DRILL_KEY_ALIAS = "drill";

export function isDrillKey(key: { alias: string }): boolean {
  return key.alias === DRILL_KEY_ALIAS;
}
