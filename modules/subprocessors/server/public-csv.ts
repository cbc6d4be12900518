import "server-only";
import { toCsv } from "@/platform/csv";
import type { PublicEntry, PublicRegisterView, UpcomingChange } from "@/modules/subprocessors/api-schemas/public";

/**
 * The CSV's columns. `record` says what a row is: `current` (in force now) or `upcoming` (an
 * announced change, as the entry will be). List cells hold one item per line: no item can
 * contain a line break, while any other separator could appear inside a certification's name.
 */
export const CSV_COLUMNS = [
  "record",
  "change_id",
  "change_kind",
  "id",
  "name",
  "legal_entity",
  "service",
  "purpose",
  "data_classes",
  "locations",
  "storage_regions",
  "transfer_mechanism",
  "scc_module",
  "dpa_date",
  "certifications",
  "key_custody",
  "website",
  "status",
  "effective_at",
  "announced_at",
] as const;

const list = (items: readonly string[]) => items.join("\n");

function row(record: "current" | "upcoming", e: PublicEntry | UpcomingChange): unknown[] {
  const change = "change_id" in e ? e : null;
  return [
    record,
    change?.change_id ?? "",
    change?.kind ?? "",
    e.id,
    e.name,
    e.legal_entity,
    e.service,
    e.purpose,
    list(e.data_classes),
    list(e.locations),
    list(e.storage_regions),
    e.transfer_mechanism,
    e.scc_module,
    e.dpa_date,
    list(e.certifications),
    list(e.key_custody),
    e.website,
    e.status,
    e.effective_at,
    change?.announced_at ?? "",
  ];
}

/** The public register as CSV: every subprocessor in force, then every announced change. */
export function registerCsv(view: PublicRegisterView): { filename: string; body: string } {
  const rows = [...view.subprocessors.map((e) => row("current", e)), ...view.upcoming.map((c) => row("upcoming", c))];
  return { filename: `${view.region}-subprocessors.csv`, body: toCsv(CSV_COLUMNS, rows) };
}
