"use client";

import { LEGAL_BASIS_LABEL, OUTCOME_META } from "@/modules/sharing/ui/outcome";
import { fieldId, type ContentDraft, type ProblemField } from "@/modules/sharing/ui/draft-content";
import { LEGAL_BASES_NEEDING_TIA } from "@/modules/sharing/domain/model";
import { describedBy, FormField, inputClass } from "@/components/ui/field";
import type { LegalBasis, SharingOutcome } from "@/modules/sharing/client";

interface Props {
  /** Prefix of the controls' ids (see `fieldId`). */
  idPrefix: string;
  value: ContentDraft;
  onChange: (next: ContentDraft) => void;
  /** The field the API's last error named, and the id of that error. */
  invalid: ProblemField | null;
  errorId: string;
  /** "page": three columns on wide screens; "panel": two, for the drawer. */
  layout?: "page" | "panel";
}

/** The content of a version (outcome, legal basis, TIA, DPA clause, dates, notes): shared by the new-draft and the edit forms. */
export function DecisionContentFields({ idPrefix, value, onChange, invalid, errorId, layout = "page" }: Props) {
  const set = <K extends keyof ContentDraft>(key: K, v: ContentDraft[K]) => onChange({ ...value, [key]: v });
  const id = (f: ProblemField) => fieldId(idPrefix, f);
  const aria = (f: ProblemField, hasHint = false) => describedBy(id(f), hasHint, invalid === f, errorId);
  const deny = value.outcome === "deny";
  const tiaNeeded = !deny && value.legal_basis !== "" && LEGAL_BASES_NEEDING_TIA.includes(value.legal_basis);

  return (
    <div className={`grid gap-3 ${layout === "page" ? "sm:grid-cols-2 lg:grid-cols-3" : "sm:grid-cols-2"}`}>
      <FormField id={id("outcome")} label="Outcome">
        <select
          id={id("outcome")}
          className={inputClass}
          value={value.outcome}
          onChange={(e) => set("outcome", e.target.value as SharingOutcome)}
          {...aria("outcome")}
        >
          {(Object.keys(OUTCOME_META) as SharingOutcome[]).map((o) => (
            <option key={o} value={o}>
              {OUTCOME_META[o].label}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id={id("legal_basis")}
        label="Legal basis"
        hint={deny ? "A deny transfers nothing and takes no legal basis." : undefined}
      >
        <select
          id={id("legal_basis")}
          className={inputClass}
          value={deny ? "" : value.legal_basis}
          disabled={deny}
          onChange={(e) => set("legal_basis", e.target.value as LegalBasis | "")}
          {...aria("legal_basis", deny)}
        >
          <option value="">{deny ? "None (deny)" : "Choose a legal basis"}</option>
          {Object.entries(LEGAL_BASIS_LABEL).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id={id("tia_ref")}
        label={`Transfer impact assessment reference${tiaNeeded ? " (required)" : ""}`}
        hint={
          tiaNeeded
            ? "Required for transfers on SCCs or BCRs (Schrems II)."
            : "Needed when the legal basis is SCCs or BCRs; optional otherwise."
        }
      >
        <input
          id={id("tia_ref")}
          className={inputClass}
          value={value.tia_ref}
          onChange={(e) => set("tia_ref", e.target.value)}
          placeholder="TIA-2026-01"
          {...aria("tia_ref", true)}
        />
      </FormField>
      <FormField id={id("dpa_clause")} label="DPA clause (optional)" hint="Where the DPA says so, e.g. Annex III §2.1.">
        <input
          id={id("dpa_clause")}
          className={inputClass}
          value={value.dpa_clause}
          onChange={(e) => set("dpa_clause", e.target.value)}
          {...aria("dpa_clause", true)}
        />
      </FormField>
      <FormField
        id={id("effective_from")}
        label="Effective from (UTC date)"
        hint="It comes into force no earlier than its acceptance."
      >
        <input
          id={id("effective_from")}
          type="date"
          required
          className={inputClass}
          value={value.effective_from}
          onChange={(e) => set("effective_from", e.target.value)}
          {...aria("effective_from", true)}
        />
      </FormField>
      <FormField id={id("effective_to")} label="Effective to (UTC date, optional)" hint="Leave empty for open-ended.">
        <input
          id={id("effective_to")}
          type="date"
          className={inputClass}
          value={value.effective_to}
          min={value.effective_from || undefined}
          onChange={(e) => set("effective_to", e.target.value)}
          {...aria("effective_to", true)}
        />
      </FormField>
      <FormField id={id("notes")} label="Notes (optional)" className="sm:col-span-full">
        <textarea
          id={id("notes")}
          rows={3}
          className={inputClass}
          value={value.notes}
          onChange={(e) => set("notes", e.target.value)}
          {...aria("notes")}
        />
      </FormField>
    </div>
  );
}
