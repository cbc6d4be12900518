import type { PublicEntry } from "@/modules/subprocessors/api-schemas/public";
import type { RegisterNames } from "@/modules/subprocessors/ui/register-words";
import { registerRowsHtml } from "@/modules/subprocessors/ui/trust-rows";
import { TrustSection } from "@/modules/subprocessors/ui/trust-section";

const COLUMNS = [
  "Subprocessor",
  "Legal entity and service",
  "Purpose",
  "Data classes",
  "Processing countries",
  "Storage regions",
  "Transfer mechanism",
  "Certifications",
  "Key custody",
  "DPA signed",
  "Active since",
] as const;

/**
 * The table's look is set once here, on the table, rather than on each of its 5,000 cells: the
 * register is hundreds of rows, and every attribute repeated per cell is markup sent and rendered
 * per row. Columns keep a readable width; narrower than that, the table scrolls inside its region.
 */
const TABLE = [
  "w-full min-w-[60rem] border-collapse text-left align-top text-sm print:min-w-0 print:text-[8pt]",
  "[&_th]:p-2 [&_th]:align-top [&_td]:p-2 [&_td]:align-top [&_td]:break-words",
  "[&_thead_th]:font-medium [&_thead_th]:text-slate-700 dark:[&_thead_th]:text-slate-300",
  "[&_tbody_tr]:border-t [&_tbody_tr]:border-slate-200 dark:[&_tbody_tr]:border-slate-800 [&_tbody_tr]:break-inside-avoid",
  "[&_tbody_th]:font-semibold [&_tr]:scroll-mt-4 [&_tr:target]:bg-amber-50 dark:[&_tr:target]:bg-amber-950",
  "[&_a]:break-all [&_a]:text-brand-700 [&_a]:underline [&_a]:underline-offset-2 dark:[&_a]:text-brand-100",
  "[&_i]:not-italic [&_i]:text-slate-600 dark:[&_i]:text-slate-400",
].join(" ");

/** The subprocessors in force, by name: one row each, so a reader scans a register of hundreds. */
export function TrustRegister({ entries, names }: { entries: PublicEntry[]; names: RegisterNames }) {
  return (
    <TrustSection
      id="trust-subprocessors"
      title={`Subprocessors (${entries.length})`}
      intro="Every company that processes customers' data for this region, what it does with which data, where, and under which transfer mechanism."
    >
      {entries.length === 0 ? (
        <p className="text-sm">This region uses no subprocessors.</p>
      ) : (
        // A keyboard user scrolls the table sideways when it is wider than the screen.
        <div
          role="region"
          aria-label="Subprocessor table"
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-brand-600 dark:border-slate-800 dark:bg-slate-900 print:overflow-visible"
        >
          <table className={TABLE} data-testid="trust-subprocessors">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            {/* Rows as HTML text built once per register read (trust-rows.ts), escaped there. */}
            <tbody dangerouslySetInnerHTML={{ __html: registerRowsHtml(entries, names) }} />
          </table>
        </div>
      )}
    </TrustSection>
  );
}
