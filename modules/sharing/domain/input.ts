import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { REGION_ID } from "@/modules/sharing/domain/destination";
import { LEGAL_BASES, OUTCOMES, VERSION_STATES } from "@/modules/sharing/domain/model";

/** Request bodies and queries of the data-class and decision APIs, checked at the boundary. */

export const DATA_CLASS_KEY = /^[a-z][a-z0-9_]{1,62}$/;

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const line = (max: number) =>
  safeText().trim().min(1).max(max).regex(NO_CONTROL, "must be one line without control characters");
const text = (max: number) =>
  safeText()
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters");

// Decisions are dated within reason: a typo of a century is a mistake, not a policy.
const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2199, "must be between the years 2000 and 2199");

export const dataClassKey = safeText().regex(
  DATA_CLASS_KEY,
  "must be a data class key: lower case letters, digits and _, starting with a letter, 2 to 63 characters",
);

export const createDataClassBody = z
  .object({
    key: dataClassKey,
    name: line(120),
    description: text(1000).default(""),
    sensitivity: z.enum(["restricted", "confidential", "public"]),
  })
  .strict();
export type CreateDataClassInput = z.infer<typeof createDataClassBody>;

const location = safeText().regex(
  /^(?:[a-z]{2,4}-[a-z]+-\d|[A-Z]{2})$/,
  "must be a region id (e.g. us-east-1) or an ISO 3166-1 country code (e.g. US)",
);

export const destinationInput = z.discriminatedUnion("kind", [
  z
    .object({ kind: z.literal("region"), id: safeText().regex(REGION_ID, "must be a region id such as us-east-1") })
    .strict(),
  z.object({ kind: z.literal("partner"), id: line(120), location: location.optional() }).strict(),
  z.object({ kind: z.literal("subprocessor"), id: line(120), location }).strict(),
]);
export type DestinationInput = z.infer<typeof destinationInput>;

const contentFields = {
  outcome: z.enum(OUTCOMES),
  legal_basis: z.enum(LEGAL_BASES).nullable(),
  tia_ref: line(120).nullable(),
  dpa_clause: line(200).nullable(),
  effective_from: instant,
  effective_to: instant.nullable(),
  notes: text(4000),
};

export const createDecisionBody = z
  .object({
    data_class: dataClassKey,
    destination: destinationInput,
    outcome: contentFields.outcome,
    legal_basis: contentFields.legal_basis.optional(),
    tia_ref: contentFields.tia_ref.optional(),
    dpa_clause: contentFields.dpa_clause.optional(),
    effective_from: contentFields.effective_from,
    effective_to: contentFields.effective_to.optional(),
    notes: contentFields.notes.optional(),
  })
  .strict();
export type CreateDecisionInput = z.infer<typeof createDecisionBody>;

export const editDecisionBody = z
  .object({
    outcome: contentFields.outcome.optional(),
    legal_basis: contentFields.legal_basis.optional(),
    tia_ref: contentFields.tia_ref.optional(),
    dpa_clause: contentFields.dpa_clause.optional(),
    effective_from: contentFields.effective_from.optional(),
    effective_to: contentFields.effective_to.optional(),
    notes: contentFields.notes.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "name at least one field to change");
export type EditDecisionInput = z.infer<typeof editDecisionBody>;

export const reasonBody = z.object({ reason: line(2000) }).strict();

export const decisionParams = z.object({ tenant: safeText(), decision: safeText().max(64) });

/** A workflow step may pin the version's content as it was shown (`content_digest` of the version). */
export const stepQuery = z
  .object({
    content_digest: safeText()
      .regex(/^[0-9a-f]{64}$/, "must be the version's content_digest: 64 lower-case hex digits")
      .optional(),
  })
  .strict();

export const listDecisionsQuery = z
  .object({
    format: z.enum(["json", "csv"]).default("json"),
    status: z.enum([...VERSION_STATES, "all"]).optional(),
  })
  .strict();
export type ListDecisionsQuery = z.infer<typeof listDecisionsQuery>;

export const matrixQuery = z.object({ at: instant.optional() }).strict();
