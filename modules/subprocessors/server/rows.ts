import "server-only";
import type { Subprocessor, SubprocessorChange } from "@/platform/db/generated/prisma/client";
import {
  subprocessorFieldsSchema,
  type SubprocessorEntry,
  type SubprocessorFields,
  type SubprocessorStatus,
} from "@/modules/subprocessors/domain/model";

export type SubprocessorRow = Subprocessor;
export type ChangeRow = SubprocessorChange;

/** A register row in the public JSON's form. */
export function entryFromRow(row: SubprocessorRow): SubprocessorEntry {
  return {
    id: row.id,
    name: row.name,
    legal_entity: row.legalEntity,
    service: row.service,
    purpose: row.purpose,
    data_classes: row.dataClasses,
    locations: row.locations,
    storage_regions: row.storageRegions,
    transfer_mechanism: row.transferMechanism as SubprocessorEntry["transfer_mechanism"],
    scc_module: row.sccModule,
    dpa_date: row.dpaDate ? row.dpaDate.toISOString().slice(0, 10) : null,
    certifications: row.certifications,
    key_custody: row.keyCustody as SubprocessorEntry["key_custody"],
    website: row.website,
    status: row.status as SubprocessorStatus,
    effective_at: row.effectiveAt.toISOString(),
  };
}

/** The stated fields of an entry (what a change compares), without id, status and date. */
export function fieldsOf(entry: SubprocessorEntry | SubprocessorFields): SubprocessorFields {
  return subprocessorFieldsSchema.parse({
    name: entry.name,
    legal_entity: entry.legal_entity,
    service: entry.service,
    purpose: entry.purpose,
    data_classes: entry.data_classes,
    locations: entry.locations,
    storage_regions: entry.storage_regions,
    transfer_mechanism: entry.transfer_mechanism,
    scc_module: entry.scc_module,
    dpa_date: entry.dpa_date,
    certifications: entry.certifications,
    key_custody: entry.key_custody,
    website: entry.website,
  });
}

/** A change's `after` (or `before`) JSON, as stored: an entry in the public form. */
export function storedEntry(json: unknown): SubprocessorEntry {
  return json as SubprocessorEntry;
}

/** The columns of a register row for an entry. */
export function rowData(entry: SubprocessorEntry, region: string) {
  return {
    id: entry.id,
    region,
    name: entry.name,
    legalEntity: entry.legal_entity,
    service: entry.service,
    purpose: entry.purpose,
    dataClasses: entry.data_classes,
    locations: entry.locations,
    storageRegions: entry.storage_regions,
    transferMechanism: entry.transfer_mechanism,
    sccModule: entry.scc_module,
    dpaDate: entry.dpa_date ? new Date(`${entry.dpa_date}T00:00:00Z`) : null,
    certifications: entry.certifications,
    keyCustody: entry.key_custody,
    website: entry.website,
    status: entry.status,
    effectiveAt: new Date(entry.effective_at),
  };
}
