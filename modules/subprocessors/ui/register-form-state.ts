/**
 * The propose form's state, its checks before the server's (the ones a person fixes in the form:
 * a missing field, the urgent path without its reason or date) and the body it sends. Pure.
 */
import type { KEY_CUSTODY, TransferMechanism } from "@/modules/subprocessors/domain/model";
import type { ProposeInput, RegisterEntry } from "@/modules/subprocessors/client";

export interface ProposeFormState {
  name: string;
  legal_entity: string;
  service: string;
  purpose: string;
  data_classes: string[];
  locations: string[];
  storage_regions: string[];
  transfer_mechanism: TransferMechanism | "";
  /** "" until chosen; only sent with SCCs. */
  scc_module: string;
  /** YYYY-MM-DD or "". */
  dpa_date: string;
  /** Comma-separated, as typed. */
  certifications: string;
  key_custody: (typeof KEY_CUSTODY)[number][];
  website: string;
  /** YYYY-MM-DD (UTC midnight) or "": the date asked for. */
  effective_on: string;
  urgent: boolean;
  urgent_reason: string;
}

export type FormField = keyof ProposeFormState;
export type FormErrors = Partial<Record<FormField, string>>;

export function emptyForm(): ProposeFormState {
  return {
    name: "",
    legal_entity: "",
    service: "",
    purpose: "",
    data_classes: [],
    locations: [],
    storage_regions: [],
    transfer_mechanism: "",
    scc_module: "",
    dpa_date: "",
    certifications: "",
    key_custody: [],
    website: "",
    effective_on: "",
    urgent: false,
    urgent_reason: "",
  };
}

/** A change to an entry starts from the entry as it is. */
export function formFromEntry(entry: RegisterEntry): ProposeFormState {
  return {
    ...emptyForm(),
    name: entry.name,
    legal_entity: entry.legal_entity,
    service: entry.service,
    purpose: entry.purpose,
    data_classes: [...entry.data_classes],
    locations: [...entry.locations],
    storage_regions: [...(entry.storage_regions ?? [])],
    transfer_mechanism: entry.transfer_mechanism,
    scc_module: entry.scc_module ? String(entry.scc_module) : "",
    dpa_date: entry.dpa_date ?? "",
    certifications: (entry.certifications ?? []).join(", "),
    key_custody: [...entry.key_custody],
    website: entry.website ?? "",
  };
}

export function certificationsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the person must fix before sending, said next to each field. */
export function formErrors(s: ProposeFormState): FormErrors {
  const errors: FormErrors = {};
  const required: [FormField, string][] = [
    ["name", "Give the subprocessor's name."],
    ["legal_entity", "Give the legal entity that signs the DPA."],
    ["service", "Say which service it provides."],
    ["purpose", "Say what it processes customers' data for."],
  ];
  for (const [field, words] of required) if (!(s[field] as string).trim()) errors[field] = words;
  if (s.data_classes.length === 0) errors.data_classes = "Choose at least one data class it processes.";
  if (s.locations.length === 0) errors.locations = "Add at least one country where it processes data.";
  if (!s.transfer_mechanism) errors.transfer_mechanism = "Choose the transfer mechanism.";
  if (s.transfer_mechanism === "sccs" && !s.scc_module) errors.scc_module = "Choose the SCC module.";
  if (s.website.trim() && !/^https:\/\/[^\s/]+/.test(s.website.trim()))
    errors.website = "The website must be an https:// address.";
  if (s.dpa_date && !DAY.test(s.dpa_date)) errors.dpa_date = "Give the DPA date as a date.";
  if (s.effective_on && !DAY.test(s.effective_on)) errors.effective_on = "Give the date as a date.";
  if (s.urgent) {
    if (!s.urgent_reason.trim())
      errors.urgent_reason = "Say why the notice period must be shortened: customers and the reviewer read it.";
    if (!s.effective_on) errors.effective_on = "An urgent replacement names the date it must take effect.";
  }
  return errors;
}

/** The fields of a new subprocessor or of a change, as the API takes them. */
export function proposalBody(s: ProposeFormState, id: string | null): ProposeInput {
  const website = s.website.trim();
  return {
    ...(id ? { id } : {}),
    name: s.name.trim(),
    legal_entity: s.legal_entity.trim(),
    service: s.service.trim(),
    purpose: s.purpose.trim(),
    data_classes: s.data_classes,
    locations: s.locations,
    storage_regions: s.storage_regions,
    transfer_mechanism: s.transfer_mechanism as TransferMechanism,
    scc_module: s.transfer_mechanism === "sccs" && s.scc_module ? Number(s.scc_module) : null,
    dpa_date: s.dpa_date || null,
    certifications: certificationsOf(s.certifications),
    key_custody: s.key_custody,
    website: website || null,
    ...timing(s.effective_on, s.urgent ? s.urgent_reason : ""),
  };
}

/** A retirement: the entry's id, and the date and urgent reason when given. */
export function retirementBody(id: string, effectiveOn: string): ProposeInput {
  return { id, status: "retired", ...timing(effectiveOn, "") };
}

function timing(effectiveOn: string, urgentReason: string): { effective_at?: string; urgent_reason?: string } {
  return {
    ...(effectiveOn ? { effective_at: `${effectiveOn}T00:00:00Z` } : {}),
    ...(urgentReason.trim() ? { urgent_reason: urgentReason.trim() } : {}),
  };
}

/** Adds or removes one value of a list field. */
export function toggled<T>(values: readonly T[], value: T, on: boolean): T[] {
  return on ? (values.includes(value) ? [...values] : [...values, value]) : values.filter((v) => v !== value);
}
