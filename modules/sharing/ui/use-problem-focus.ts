"use client";

import { useEffect } from "react";
import { fieldId, problemField, type ProblemField } from "@/modules/sharing/ui/draft-content";

/**
 * The form field the API's error names (its problem `detail` starts with `field: …`), focused
 * once when the error arrives so the person lands where the fix is.
 */
export function useProblemFocus(idPrefix: string, error: Error | null): ProblemField | null {
  const field = error ? problemField(error.message) : null;
  useEffect(() => {
    if (field) document.getElementById(fieldId(idPrefix, field))?.focus();
  }, [error, field, idPrefix]);
  return field;
}
