"use client";

import {
  fieldId,
  type DestinationDraft,
  type DestinationKindDraft,
  type ProblemField,
} from "@/modules/sharing/ui/draft-content";
import { describedBy, FormField, inputClass } from "@/components/ui/field";
import type { DestinationView } from "@/modules/sharing/client";

interface Props {
  idPrefix: string;
  value: DestinationDraft;
  onChange: (next: DestinationDraft) => void;
  /** The matrix's region destinations (every region of the registry but home). */
  regions: DestinationView[];
  /** Region ids offered as location suggestions. */
  regionIds: string[];
  invalid: ProblemField | null;
  errorId: string;
}

const KINDS: { kind: DestinationKindDraft; label: string; hint: string }[] = [
  { kind: "region", label: "Region", hint: "another Terrane region" },
  { kind: "partner", label: "Partner", hint: "a company the customer shares with" },
  { kind: "subprocessor", label: "Subprocessor", hint: "processes on the provider's behalf, in one place" },
];

/** Where a decision sends data: a radio group for the kind, then the fields that kind needs. */
export function DestinationFields({ idPrefix, value, onChange, regions, regionIds, invalid, errorId }: Props) {
  const set = <K extends keyof DestinationDraft>(key: K, v: DestinationDraft[K]) => onChange({ ...value, [key]: v });
  const id = (f: ProblemField) => fieldId(idPrefix, f);
  const aria = (f: ProblemField, hasHint = false) =>
    describedBy(id(f), hasHint, invalid === f || invalid === "destination", errorId);
  const listId = `${idPrefix}-locations`;
  const locationHint = "A region id (e.g. us-east-1) or an ISO country code (e.g. CH).";

  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-medium">Destination</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {KINDS.map((k) => (
          <label key={k.kind} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name={`${idPrefix}-kind`}
              value={k.kind}
              checked={value.kind === k.kind}
              onChange={() => set("kind", k.kind)}
              id={k.kind === value.kind ? id("destination") : undefined}
            />
            {k.label} <span className="text-xs text-slate-500">({k.hint})</span>
          </label>
        ))}
      </div>
      <datalist id={listId}>
        {regionIds.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      {value.kind === "region" ? (
        <FormField id={id("destination.id")} label="Destination region">
          <select
            id={id("destination.id")}
            className={inputClass}
            value={value.region}
            onChange={(e) => set("region", e.target.value)}
            {...aria("destination.id")}
          >
            {regions.map((r) => (
              <option key={r.key} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </FormField>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField
            id={id("destination.id")}
            label={value.kind === "partner" ? "Partner name" : "Subprocessor name"}
            hint="Matched ignoring case and extra spaces."
          >
            <input
              id={id("destination.id")}
              required
              className={inputClass}
              value={value.name}
              onChange={(e) => set("name", e.target.value)}
              {...aria("destination.id", true)}
            />
          </FormField>
          <FormField
            id={id("destination.location")}
            label={value.kind === "partner" ? "Location (optional)" : "Location (required)"}
            hint={
              value.kind === "partner"
                ? locationHint
                : `${locationHint} A decision covers the subprocessor in this place only.`
            }
          >
            <input
              id={id("destination.location")}
              required={value.kind === "subprocessor"}
              list={listId}
              className={inputClass}
              value={value.location}
              onChange={(e) => set("location", e.target.value)}
              autoComplete="off"
              spellCheck={false}
              {...aria("destination.location", true)}
            />
          </FormField>
        </div>
      )}
    </fieldset>
  );
}
