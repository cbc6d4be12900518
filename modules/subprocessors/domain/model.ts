/**
 * The subprocessor register's vocabulary: an entry as the public JSON shows it, the change
 * lifecycle, transfer mechanisms, objection outcomes, and the limits. Pure: routes, the OpenAPI
 * generator, the UI and the server share it.
 */
import { z } from "zod";
import { safeText } from "@/platform/schema/safe-text";
import { isCountryCode } from "@/platform/region/countries";

import { KEY_CUSTODY, TRANSFER_MECHANISMS, type SubprocessorStatus } from "@/modules/subprocessors/domain/vocabulary";

export * from "@/modules/subprocessors/domain/vocabulary";

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
export const line = (max: number) =>
  safeText().trim().min(1).max(max).regex(NO_CONTROL, "must be one line without control characters");
export const paragraph = (max: number) =>
  safeText()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters");

export const subprocessorId = safeText().regex(
  /^[a-z0-9][a-z0-9-]{0,62}$/,
  "must be a subprocessor id: lower-case letters, digits and hyphens",
);
const dataClassKey = safeText().regex(/^[a-z][a-z0-9_]{1,62}$/, "must be a data class key");
const country = safeText().refine(isCountryCode, "must be an ISO 3166-1 alpha-2 country code such as DE or US");
const regionId = safeText().regex(/^[a-z]{2,4}-[a-z]+-\d$/, "must be a region id such as eu-central-1");
const dateOnly = safeText().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)");

const distinct = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((xs) => new Set(xs).size === xs.length, "must not repeat an item");

/** What a provider admin states about a subprocessor (the public JSON's field names). */
export const subprocessorFieldsSchema = z.strictObject({
  name: line(120),
  legal_entity: line(200),
  service: line(200),
  purpose: paragraph(1000),
  data_classes: distinct(dataClassKey, 50).min(1, "must name at least one data class"),
  locations: distinct(country, 50).min(1, "must name at least one processing country"),
  storage_regions: distinct(regionId, 50).default([]),
  transfer_mechanism: z.enum(TRANSFER_MECHANISMS),
  scc_module: z.number().int().min(1).max(4).nullable().default(null),
  dpa_date: dateOnly.nullable().default(null),
  certifications: distinct(line(80), 30).default([]),
  key_custody: distinct(z.enum(KEY_CUSTODY), 2).default([]),
  website: z
    .url({ protocol: /^https$/, error: "must be an https URL" })
    .max(500)
    .nullable()
    .default(null),
});
export type SubprocessorFields = z.infer<typeof subprocessorFieldsSchema>;

/** A register entry as the public API, snapshots and change records show it. */
export interface SubprocessorEntry extends SubprocessorFields {
  id: string;
  status: SubprocessorStatus;
  effective_at: string;
}

/** The fields in the order a reader compares them, with their words. */
export const FIELD_LABELS: Record<keyof SubprocessorFields, string> = {
  name: "Name",
  legal_entity: "Legal entity",
  service: "Service",
  purpose: "Purpose",
  data_classes: "Data classes processed",
  locations: "Processing countries",
  storage_regions: "Storage regions",
  transfer_mechanism: "Transfer mechanism",
  scc_module: "SCC module",
  dpa_date: "DPA date",
  certifications: "Certifications",
  key_custody: "Key custody",
  website: "Website",
};

/** A slug for a new entry's id: "Acme Mail, Inc." → "acme-mail-inc". */
export function slugFor(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "subprocessor";
}
