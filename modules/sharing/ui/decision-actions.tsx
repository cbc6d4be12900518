"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmStep } from "@/modules/sharing/ui/confirm-step";
import { decisionsApi, decisionsQueryKeys, type DecisionDetail, type WorkflowStep } from "@/modules/sharing/client";

interface Props {
  tenant: string;
  decision: DecisionDetail;
}

/**
 * The steps this person may take on the version in the workflow: those the decision's
 * `allowed_actions` name (its state and the policy, four eyes included, decided on the server).
 * Every step is authorized again by the API it calls.
 */
export function DecisionActions({ tenant, decision }: Props) {
  const client = useQueryClient();
  const step = useMutation({
    mutationFn: ({ s, digest, reason }: { s: WorkflowStep; digest: string; reason?: string }) =>
      decisionsApi.step(tenant, decision.id, s, digest, reason),
    onSuccess: () => client.invalidateQueries({ queryKey: decisionsQueryKeys.all(tenant) }),
    // A refusal usually means someone else moved the decision on: show its current state with the message.
    onError: () => client.invalidateQueries({ queryKey: decisionsQueryKeys.all(tenant) }),
  });
  const pending = decision.pending;
  if (!pending) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No version is in the workflow. A change starts a new draft version; the one in force stays until the new one is
        accepted.
      </p>
    );
  }
  const allowed = decision.allowed_actions;
  // A reviewer who wrote or edited this version sees the review steps, disabled, and why.
  const fourEyes = decision.four_eyes;
  const what = `${decision.data_class.name ?? decision.data_class.key} to ${decision.destination.label}`;
  // Every step names the content on screen, so a version changed meanwhile is refused, not agreed to unseen.
  const run = (s: WorkflowStep) => (reason: string | undefined) =>
    step.mutateAsync({ s, digest: pending.content_digest, reason });
  const buttons = [];

  if (allowed.includes("submit")) {
    buttons.push(
      <ConfirmStep
        key="submit"
        trigger="Submit for review"
        title={`Submit version ${pending.version} for review?`}
        submit="Submit"
        pending={step.isPending}
        onConfirm={run("submit")}
        consequences={`A compliance officer who did not draft or edit it must approve it, then your customer admin must accept it. Until then nothing changes: ${what} stays as it is now.`}
      />,
    );
  }
  if (allowed.includes("approve") || fourEyes) {
    buttons.push(
      <ConfirmStep
        key="approve"
        trigger="Approve"
        title={`Approve version ${pending.version}?`}
        submit="Approve"
        pending={step.isPending}
        disabled={fourEyes}
        onConfirm={run("approve")}
        consequences={`The customer admin is then asked to accept it. It comes into force only after acceptance and from its effective date: ${what}.`}
      />,
      <ConfirmStep
        key="reject-review"
        trigger="Send back"
        tone="danger"
        needsReason
        title={`Send version ${pending.version} back to draft?`}
        submit="Send back"
        pending={step.isPending}
        disabled={fourEyes}
        onConfirm={run("reject-review")}
        consequences="The author gets it back as a draft with your reason. Nothing in force changes."
      />,
    );
  }
  if (allowed.includes("accept")) {
    buttons.push(
      <ConfirmStep
        key="accept"
        trigger="Accept"
        title={`Accept version ${pending.version}?`}
        submit="Accept and put in force"
        pending={step.isPending}
        onConfirm={run("accept")}
        consequences={`This becomes part of your DPA: from its effective date (never earlier than now) flows of ${what} are judged by it, and the compiled policy changes. It is recorded in the audit log under your name.`}
      />,
      <ConfirmStep
        key="reject"
        trigger="Reject"
        tone="danger"
        needsReason
        title={`Reject version ${pending.version}?`}
        submit="Reject"
        pending={step.isPending}
        onConfirm={run("reject")}
        consequences="It goes back to draft with your reason; what is in force now stays in force."
      />,
    );
  }
  if (allowed.includes("withdraw")) {
    buttons.push(
      <ConfirmStep
        key="withdraw"
        trigger="Withdraw"
        tone="danger"
        title={`Withdraw version ${pending.version}?`}
        submit="Withdraw"
        pending={step.isPending}
        onConfirm={run("withdraw")}
        consequences="The version is kept for the record but leaves the workflow. What is in force now stays in force."
      />,
    );
  }
  return (
    <div className="space-y-2">
      {fourEyes && (
        <p
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          data-testid="four-eyes"
        >
          You drafted or edited this version, so you cannot review it: another compliance officer must (four eyes).
        </p>
      )}
      {pending.state === "approved" && !allowed.includes("accept") && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Approved by compliance: waiting for the customer admin to accept or reject it.
        </p>
      )}
      {pending.state === "in_review" && !allowed.includes("approve") && !fourEyes && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          In review: a compliance officer who did not write it must approve it.
        </p>
      )}
      {buttons.length > 0 ? <div className="flex flex-wrap gap-2">{buttons}</div> : null}
      {step.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {step.error.message}
        </p>
      )}
    </div>
  );
}
