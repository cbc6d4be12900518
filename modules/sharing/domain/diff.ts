import { CONTENT_FIELDS, type DecisionContent } from "@/modules/sharing/domain/model";

export type FieldValue = string | null;

export interface FieldChange {
  field: string;
  before: FieldValue;
  after: FieldValue;
}

export interface VersionDiff {
  changes: FieldChange[];
  /** One line per change, e.g. `outcome: allow aggregates only → allow pseudonymised`. */
  summary: string[];
}

function show(value: DecisionContent[keyof DecisionContent]): FieldValue {
  if (value === null || value === "") return null;
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Field by field, what changed from `before` to `after`; `before` null is the first version
 * (everything it states is new). Notes are compared whole: their before and after are shown.
 */
export function diffContent(before: DecisionContent | null, after: DecisionContent): VersionDiff {
  const changes: FieldChange[] = [];
  for (const { key, name } of CONTENT_FIELDS) {
    const a = before ? show(before[key]) : null;
    const b = show(after[key]);
    if (a !== b) changes.push({ field: name, before: a, after: b });
  }
  const summary = changes.map((c) => `${c.field}: ${c.before ?? "(none)"} → ${c.after ?? "(none)"}`);
  return { changes, summary };
}
