import type { StoredStatus } from "@/modules/sharing/domain/model";

/**
 * The workflow's state rules: from which stored status each step may be taken, which tenant
 * action (decided by the Cedar policy) it needs, and whether the reviewer must not have written
 * the version (four eyes, also in the policy). The server's steps and the `allowed_actions` of
 * a decision are both built from this table, so what is offered is what would be accepted.
 * Keys are the steps' names in the API (`POST …/decisions/{id}/<step>`).
 */
export const STEP_RULES = {
  submit: { action: "decisions.draft", from: ["draft"], fourEyes: false },
  approve: { action: "decisions.review", from: ["in_review"], fourEyes: true },
  "reject-review": { action: "decisions.review", from: ["in_review"], fourEyes: true },
  accept: { action: "decisions.accept", from: ["approved"], fourEyes: false },
  reject: { action: "decisions.accept", from: ["approved"], fourEyes: false },
  withdraw: { action: "decisions.draft", from: ["draft", "in_review", "approved"], fourEyes: false },
} as const satisfies Record<
  string,
  {
    action: "decisions.draft" | "decisions.review" | "decisions.accept";
    from: readonly StoredStatus[];
    fourEyes: boolean;
  }
>;

export type StepName = keyof typeof STEP_RULES;

/**
 * What a caller may do with a decision now: a workflow step, editing the draft in the workflow
 * (`edit`), or proposing a change when no version is in the workflow (`propose`).
 */
export type DecisionAction = StepName | "edit" | "propose";

/** Event types that make someone a contributor to a version (and so not its reviewer). */
export const CONTRIBUTING_EVENTS = ["created", "version_created", "edited"] as const;
