/**
 * The id of the Cedar policy a decision version compiles to (its `@id`, and what the engine's
 * answers name). Apart from compile.ts so the browser can name a policy without loading Cedar.
 */
export function policyId(v: { decisionId: string; version: number }): string {
  return `decision-${v.decisionId}-v${v.version}`;
}
