"use client";

import { FormField, fieldAria, inputClass } from "@/components/ui/field";

/** The optional written reason of a deny or a revoke: who reads it is said in the hint. */
export function OptionalReasonField({
  id,
  hint,
  value,
  onChange,
  error,
  rows = 2,
}: {
  id: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  rows?: number;
}) {
  return (
    <FormField id={`${id}-reason`} label="Reason (optional)" hint={hint} error={error}>
      <textarea
        id={`${id}-reason`}
        className={inputClass}
        rows={rows}
        maxLength={2000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...fieldAria(`${id}-reason`, { hint: true, error })}
      />
    </FormField>
  );
}
