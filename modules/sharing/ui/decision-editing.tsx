"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { proposalBase } from "@/modules/sharing/ui/draft-content";
import { EditDecisionForm } from "@/modules/sharing/ui/edit-decision-form";
import type { DecisionDetail } from "@/modules/sharing/client";

export type EditMode = "edit" | "propose";

interface Props {
  tenant: string;
  decision: DecisionDetail;
  /** Open or closed by the drawer too, which routes Escape here while the form is open. */
  editing: EditMode | null;
  setEditing: (mode: EditMode | null) => void;
}

/**
 * What may change about the decision's content, for those who draft (as the decision's
 * `allowed_actions` say; the API authorizes again): edit the draft, propose a change when nothing is in
 * the workflow, or why not (a version in review or approved does not change under its reviewers).
 */
export function DecisionEditing({ tenant, decision, editing, setEditing }: Props) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const [saved, setSaved] = useState<string | null>(null);
  const allowed = decision.allowed_actions;
  // Those who draft may edit a draft, propose when nothing is in the workflow, or withdraw what is.
  const canDraft = allowed.includes("edit") || allowed.includes("propose") || allowed.includes("withdraw");
  const pending = decision.pending;
  const editable = allowed.includes(pending ? "edit" : "propose");
  // While the form is open its mode holds: a saved proposal makes a draft before the form closes.
  const mode: EditMode = editing ?? (pending ? "edit" : "propose");
  const base =
    mode === "edit"
      ? decision.versions.find((v) => v.id === pending?.id)
      : proposalBase(decision.in_force, decision.versions);

  // Someone else moved the decision on (submitted or withdrew the draft): the form has nothing left to edit.
  useEffect(() => {
    if (editing && (!editable || !base)) setEditing(null);
  }, [editing, editable, base, setEditing]);

  // Focus goes back to the button that opened the form once it closes (saved, cancelled or Escape).
  useEffect(() => {
    if (editing) wasEditing.current = true;
    else if (wasEditing.current) {
      wasEditing.current = false;
      triggerRef.current?.focus();
    }
  }, [editing]);

  if (!canDraft) return null;
  if (pending && pending.state !== "draft") {
    const where =
      pending.state === "in_review" ? "is in compliance review" : "is approved and awaits the customer admin";
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="edit-blocked">
        Version {pending.version} {where}, so its content cannot change under its reviewers: withdraw it first to edit.
      </p>
    );
  }
  if (!base) return null;

  return (
    <div className="space-y-2">
      {editing ? (
        <EditDecisionForm
          key={`${mode}-${base.id}`}
          tenant={tenant}
          decision={decision}
          mode={mode}
          base={base}
          onDone={(result) => {
            setSaved(
              result
                ? `Saved: ${result.fields.join(", ")} changed. The versions below show the new content and its diff.`
                : null,
            );
            setEditing(null);
          }}
        />
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <Button
            ref={triggerRef}
            onClick={() => {
              setSaved(null);
              setEditing(mode);
            }}
          >
            {mode === "edit" ? "Edit draft" : "Propose a change"}
          </Button>
          {mode === "propose" && (
            <span className="text-xs text-slate-600 dark:text-slate-400">
              Starts a new draft version from version {base.version}; it must be reviewed and accepted.
            </span>
          )}
        </div>
      )}
      <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
        {saved}
      </p>
    </div>
  );
}
