"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { DecisionContentFields } from "@/modules/sharing/ui/decision-content-fields";
import { DestinationFields } from "@/modules/sharing/ui/destination-fields";
import {
  emptyContent,
  fieldId,
  toDraftInput,
  type ContentDraft,
  type DestinationDraft,
} from "@/modules/sharing/ui/draft-content";
import { Button } from "@/components/ui/button";
import { FormError, FormField, describedBy, inputClass } from "@/components/ui/field";
import { useProblemFocus } from "@/modules/sharing/ui/use-problem-focus";
import { decisionsApi, decisionsQueryKeys, type DecisionMatrix } from "@/modules/sharing/client";
import { prefillNotes, type DraftPrefill } from "@/modules/sharing/domain/draft-prefill";

/** The form's starting values for a proposal: only a class the tenant has and, for a region, one the matrix offers. */
function prefilledDraft(p: DraftPrefill, matrix: DecisionMatrix) {
  const cls = matrix.data_classes.find((c) => c.key === p.dataClass);
  if (!cls) return null;
  const d = p.destination;
  if (d.kind === "region" && !matrix.destinations.some((x) => x.kind === "region" && x.id === d.region)) return null;
  const destination: DestinationDraft =
    d.kind === "region"
      ? { kind: "region", region: d.region, name: "", location: "" }
      : { kind: "subprocessor", region: "", name: d.name, location: d.location };
  return {
    dataClass: cls.key,
    className: cls.name,
    destination,
    destinationLabel: d.kind === "region" ? d.region : `${d.name} (subprocessor, ${d.location})`,
    notes: prefillNotes(p, cls.name),
  };
}

/** A new draft for a data class and a region, partner or subprocessor; it changes nothing until reviewed and accepted. */
export function NewDraftForm({
  tenant,
  matrix,
  onCreated,
  prefill = null,
}: {
  tenant: string;
  matrix: DecisionMatrix;
  onCreated: (id: string) => void;
  /** A draft proposed from a lineage violation: class, destination and a note on where it came from. */
  prefill?: DraftPrefill | null;
}) {
  const id = useId();
  const prefix = `new-draft${id.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const errorId = `${prefix}-error`;
  const regions = matrix.destinations.filter((d) => d.kind === "region");
  const regionIds = [matrix.home_region, ...regions.map((r) => r.id)];
  const initialDestination: DestinationDraft = { kind: "region", region: regions[0]?.id ?? "", name: "", location: "" };
  const proposed = prefill ? prefilledDraft(prefill, matrix) : null;
  const [dataClass, setDataClass] = useState(proposed?.dataClass ?? matrix.data_classes[0]?.key ?? "");
  const [destination, setDestination] = useState<DestinationDraft>(proposed?.destination ?? initialDestination);
  const [content, setContent] = useState<ContentDraft>(() => ({ ...emptyContent(), notes: proposed?.notes ?? "" }));
  const heading = useRef<HTMLHeadingElement>(null);
  // Arriving with a proposal: the form is what the person came for.
  useEffect(() => {
    if (!prefill) return;
    heading.current?.scrollIntoView({ block: "start" });
    heading.current?.focus();
  }, [prefill]);
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () => decisionsApi.create(tenant, toDraftInput(dataClass, destination, content)),
    onSuccess: async (d) => {
      client.setQueryData(decisionsQueryKeys.detail(tenant, d.id), d);
      await client.invalidateQueries({ queryKey: decisionsQueryKeys.all(tenant) });
      setDestination(initialDestination);
      setContent(emptyContent());
      onCreated(d.id);
    },
  });
  const invalid = useProblemFocus(prefix, create.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!create.isPending) create.mutate();
  }
  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      aria-labelledby={`${prefix}-h`}
      aria-describedby={`${prefix}-what`}
    >
      <h3 id={`${prefix}-h`} ref={heading} tabIndex={-1} className="text-sm font-semibold">
        Draft a new decision
      </h3>
      <p id={`${prefix}-what`} className="text-xs text-slate-600 dark:text-slate-400">
        A draft changes nothing: what applies now stays until a second compliance officer has approved the draft and
        your customer admin has accepted it.
      </p>
      {proposed && (
        <p className="text-sm" data-testid="draft-prefilled">
          Prefilled from a flow the lineage judged a violation: {proposed.className} to {proposed.destinationLabel}.
          Choose the outcome and its legal basis, then save the draft; it goes nowhere until it is submitted for review.
        </p>
      )}
      <FormField id={fieldId(prefix, "data_class")} label="Data class" className="max-w-md">
        <select
          id={fieldId(prefix, "data_class")}
          className={inputClass}
          value={dataClass}
          onChange={(e) => setDataClass(e.target.value)}
          {...describedBy(fieldId(prefix, "data_class"), false, invalid === "data_class", errorId)}
        >
          {matrix.data_classes.map((c) => (
            <option key={c.key} value={c.key}>
              {c.name} ({c.key})
            </option>
          ))}
        </select>
      </FormField>
      <DestinationFields
        idPrefix={prefix}
        value={destination}
        onChange={setDestination}
        regions={regions}
        regionIds={regionIds}
        invalid={invalid}
        errorId={errorId}
      />
      <DecisionContentFields
        idPrefix={prefix}
        value={content}
        onChange={setContent}
        invalid={invalid}
        errorId={errorId}
      />
      <FormError id={errorId} message={create.error?.message} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" loading={create.isPending} loadingText="Saving…">
          Save draft
        </Button>
      </div>
    </form>
  );
}
