import { z } from "zod";
import { unsafeTextReason } from "@/platform/schema/json-scan";

/**
 * A string any text column can store: no NUL (PostgreSQL refuses it in text and jsonb) and no
 * unpaired UTF-16 surrogate (not Unicode; refused in jsonb). Every string field of every
 * request schema starts from this, so such input is a 400 at the boundary, never a 500 below.
 */
export function safeText() {
  return z
    .string()
    .refine((s) => unsafeTextReason(s) === null, "must not contain NUL characters or unpaired surrogates");
}
