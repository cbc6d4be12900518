/**
 * A change to a register entry in words a reviewer and a customer read: per field, what was and
 * what will be, with list fields as items added and removed. Pure.
 */
import { FIELD_LABELS, type SubprocessorFields } from "@/modules/subprocessors/domain/model";

export interface FieldDiff {
  field: keyof SubprocessorFields;
  label: string;
  before: string | null;
  after: string | null;
  /** List fields: the items added and removed. */
  added?: string[];
  removed?: string[];
}

function show(value: SubprocessorFields[keyof SubprocessorFields]): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.join(", ") : null;
  return String(value);
}

/** Every field that differs, in the order FIELD_LABELS gives; `before` null: everything is new. */
export function diffEntries(before: SubprocessorFields | null, after: SubprocessorFields): FieldDiff[] {
  const fields = Object.keys(FIELD_LABELS) as (keyof SubprocessorFields)[];
  return fields.flatMap((field): FieldDiff[] => {
    const b = before ? before[field] : null;
    const a = after[field];
    if (Array.isArray(a) || Array.isArray(b)) {
      const bs = (Array.isArray(b) ? b : []) as string[];
      const as = (Array.isArray(a) ? a : []) as string[];
      const added = as.filter((x) => !bs.includes(x));
      const removed = bs.filter((x) => !as.includes(x));
      if (added.length === 0 && removed.length === 0) return [];
      return [{ field, label: FIELD_LABELS[field], before: show(b), after: show(a), added, removed }];
    }
    if (show(b) === show(a)) return [];
    return [{ field, label: FIELD_LABELS[field], before: show(b), after: show(a) }];
  });
}
