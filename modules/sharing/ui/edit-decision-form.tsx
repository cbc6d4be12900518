"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { DecisionContentFields } from "@/modules/sharing/ui/decision-content-fields";
import { changedFields, contentFromVersion, type ContentDraft } from "@/modules/sharing/ui/draft-content";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useProblemFocus } from "@/modules/sharing/ui/use-problem-focus";
import { decisionsApi, decisionsQueryKeys, type DecisionDetail, type VersionView } from "@/modules/sharing/client";

interface Props {
  tenant: string;
  decision: DecisionDetail;
  /** "edit": the draft in the workflow changes in place; "propose": a new draft version starts from `base`. */
  mode: "edit" | "propose";
  /** The version the form starts from: the draft, or the one a proposal is based on. */
  base: VersionView;
  onDone: (saved: { fields: string[] } | null) => void;
}

/**
 * Edits a draft, or proposes a change to a decision with no version in the workflow: prefilled
 * with `base`, it sends only the fields that changed (PATCH; `null` clears). Escape cancels
 * (the drawer routes it here while the form is open).
 */
export function EditDecisionForm({ tenant, decision, mode, base, onDone }: Props) {
  const id = useId();
  const prefix = `edit${id.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const errorId = `${prefix}-error`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [initial] = useState<ContentDraft>(() => contentFromVersion(base));
  const [content, setContent] = useState<ContentDraft>(initial);
  const [nothing, setNothing] = useState(false);
  const client = useQueryClient();
  const edit = changedFields(initial, content);
  const fields = Object.keys(edit);
  const save = useMutation({
    mutationFn: () => decisionsApi.edit(tenant, decision.id, edit, base.content_digest),
    onSuccess: (d) => {
      // The answer is the decision with its versions and diffs: show it at once, then refresh the matrix and list.
      client.setQueryData(decisionsQueryKeys.detail(tenant, decision.id), d);
      onDone({ fields });
      void client.invalidateQueries({ queryKey: decisionsQueryKeys.all(tenant) });
    },
  });
  const invalid = useProblemFocus(prefix, save.error);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    if (fields.length === 0) {
      setNothing(true);
      return;
    }
    setNothing(false);
    save.mutate();
  }

  const next = Math.max(...decision.versions.map((v) => v.version)) + 1;
  const title = mode === "edit" ? `Edit draft version ${base.version}` : `Propose a change: new version ${next}`;
  const explanation =
    mode === "edit"
      ? "Only the fields you change are saved. The draft still needs a second compliance officer's approval and the customer admin's acceptance; nothing in force changes."
      : decision.in_force
        ? `Saving creates draft version ${next} from version ${base.version}. Version ${decision.in_force.version} stays in force until the new one is reviewed, accepted and effective.`
        : `Saving creates draft version ${next} from version ${base.version}. Nothing is in force now (the default deny applies) until the new version is reviewed, accepted and effective.`;

  return (
    <form
      onSubmit={submit}
      aria-labelledby={`${prefix}-h`}
      aria-describedby={`${prefix}-what`}
      data-testid="edit-decision-form"
      className="space-y-3 rounded-md border border-blue-200 bg-blue-50/40 p-3 dark:border-blue-900 dark:bg-blue-950/30"
    >
      <h4
        id={`${prefix}-h`}
        ref={headingRef}
        tabIndex={-1}
        className="text-sm font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
      >
        {title}
      </h4>
      <p id={`${prefix}-what`} className="text-xs text-slate-700 dark:text-slate-300">
        {explanation}
      </p>
      <DecisionContentFields
        idPrefix={prefix}
        value={content}
        onChange={(c) => {
          setContent(c);
          setNothing(false);
        }}
        invalid={invalid}
        errorId={errorId}
        layout="panel"
      />
      <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {fields.length === 0 ? "No changes yet." : `Changed: ${fields.join(", ")}.`}
      </p>
      {nothing && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Change at least one field before saving.
        </p>
      )}
      <FormError id={errorId} message={save.error?.message} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" loading={save.isPending} loadingText="Saving…">
          {mode === "edit" ? "Save changes" : `Create draft version ${next}`}
        </Button>
        <Button onClick={() => onDone(null)}>Cancel</Button>
      </div>
    </form>
  );
}
