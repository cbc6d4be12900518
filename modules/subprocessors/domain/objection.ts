/** A customer's objection to an announced change: open until a compliance officer resolves it. Pure. */
export const OBJECTION_STATES = ["open", "resolved"] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];

const DAY_MS = 86_400_000;

/** When compliance must have resolved an objection raised at `raisedAt`. */
export function objectionDue(raisedAt: Date, objectionDays: number): Date {
  return new Date(raisedAt.getTime() + objectionDays * DAY_MS);
}
