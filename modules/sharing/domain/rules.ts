import { BadRequestError } from "@/platform/errors";
import { LEGAL_BASES_NEEDING_TIA, type DecisionContent } from "@/modules/sharing/domain/model";
import type { CreateDecisionInput, EditDecisionInput } from "@/modules/sharing/domain/input";

/** The content a create request describes. */
export function contentFromCreate(input: CreateDecisionInput): DecisionContent {
  return {
    outcome: input.outcome,
    legalBasis: input.legal_basis ?? null,
    tiaRef: input.tia_ref ?? null,
    dpaClause: input.dpa_clause ?? null,
    effectiveFrom: input.effective_from,
    effectiveTo: input.effective_to ?? null,
    notes: input.notes ?? "",
  };
}

/** `base` with the fields an edit names; a field sent as null is cleared. */
export function applyEdit(base: DecisionContent, edit: EditDecisionInput): DecisionContent {
  return {
    outcome: edit.outcome ?? base.outcome,
    legalBasis: edit.legal_basis !== undefined ? edit.legal_basis : base.legalBasis,
    tiaRef: edit.tia_ref !== undefined ? edit.tia_ref : base.tiaRef,
    dpaClause: edit.dpa_clause !== undefined ? edit.dpa_clause : base.dpaClause,
    effectiveFrom: edit.effective_from ?? base.effectiveFrom,
    effectiveTo: edit.effective_to !== undefined ? edit.effective_to : base.effectiveTo,
    notes: edit.notes ?? base.notes,
  };
}

/**
 * What a DPA decision must say to be written down at all. Every transfer needs a legal basis
 * (GDPR Chapter V); transfers on SCCs or BCRs need a transfer-impact assessment (Schrems II),
 * so its reference is required; a deny needs no basis, and stating one would mislead.
 */
export function checkContent(c: DecisionContent): void {
  const problems: string[] = [];
  if (c.outcome === "deny") {
    if (c.legalBasis) problems.push("legal_basis: a deny transfers nothing and takes no legal basis; send null");
  } else {
    if (!c.legalBasis) problems.push(`legal_basis: required when the outcome is ${c.outcome}`);
    if (c.legalBasis && LEGAL_BASES_NEEDING_TIA.includes(c.legalBasis) && !c.tiaRef) {
      problems.push(
        `tia_ref: transfers on ${c.legalBasis === "sccs" ? "SCCs" : "BCRs"} need a transfer-impact assessment reference`,
      );
    }
  }
  if (c.effectiveTo && c.effectiveTo.getTime() <= c.effectiveFrom.getTime())
    problems.push("effective_to: must be after effective_from");
  if (problems.length > 0) throw new BadRequestError(problems.join("; "), "invalid_decision");
}
