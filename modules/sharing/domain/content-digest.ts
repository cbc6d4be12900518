import { createHash } from "node:crypto";
import { canonicalJson } from "@/modules/audit/domain/canonical-json";
import type { DecisionContent } from "@/modules/sharing/domain/model";

export interface DecisionSubject {
  dataClassKey: string;
  destination: { kind: string; id: string; location: string | null };
}

/**
 * What a reviewer or the customer agrees to, as one value: SHA-256 over the RFC 8785 JSON of the
 * decision's data class and destination and the version's content. A workflow step may name the
 * digest it was shown, so that a version changed in between (sent back, edited, resubmitted under
 * the same number) is refused instead of approved unseen; the audit entry records it either way.
 */
export function decisionContentDigest(subject: DecisionSubject, content: DecisionContent): string {
  const value = {
    data_class: subject.dataClassKey,
    destination: { kind: subject.destination.kind, id: subject.destination.id, location: subject.destination.location },
    outcome: content.outcome,
    legal_basis: content.legalBasis,
    tia_ref: content.tiaRef,
    dpa_clause: content.dpaClause,
    effective_from: content.effectiveFrom.toISOString(),
    effective_to: content.effectiveTo ? content.effectiveTo.toISOString() : null,
    notes: content.notes,
  };
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
