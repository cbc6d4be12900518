import { AlertTriangle, ShieldAlert, ShieldCheck, ShieldQuestion } from "lucide-react";
import { AuditFilterForm } from "@/modules/audit/ui/audit-filter-form";
import { AuditTable } from "@/modules/audit/ui/audit-table";
import { IntegrityPanel } from "@/modules/audit/ui/integrity-panel";
import { QueryProvider } from "@/components/ui/query-provider";
import { formatCount } from "@/platform/format";
import type { AuditPage } from "@/modules/audit/client";
import type { ParsedAuditFilter } from "@/modules/audit/domain/filter";
import type { IntegrityPanelView } from "@/modules/audit/server/integrity-panel";

/** One line above the log: is the log intact, how big is it, where are the details. */
function IntegrityStrip({ panel }: { panel: IntegrityPanelView }) {
  const v = panel.lastVerification;
  const { Icon, text, tone } = !v
    ? { Icon: ShieldQuestion, text: "Not verified yet", tone: "text-slate-700 dark:text-slate-300" }
    : v.ok
      ? {
          Icon: ShieldCheck,
          text: v.treeSize === 0 ? "Verified (the log was empty then)" : `Verified ${v.treeSize ?? "all"} entries`,
          tone: "text-green-800 dark:text-green-300",
        }
      : {
          Icon: ShieldAlert,
          text: `Integrity broken${v.brokenAt !== null ? ` at entry ${v.brokenAt}` : ""}`,
          tone: "text-red-800 dark:text-red-300",
        };
  return (
    <p
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 text-sm ${v && !v.ok ? "rounded-md border border-red-300 bg-red-50 px-3 py-2 dark:border-red-800 dark:bg-red-950" : ""}`}
    >
      <span className={`inline-flex items-center gap-1 font-medium ${tone}`}>
        <Icon aria-hidden className="size-4" /> {text}
      </span>
      <span className="text-slate-500">
        Signed tree of {formatCount(panel.treeSize)} entries in {panel.region}.
      </span>
      <a href="#integrity-heading" className="font-medium text-brand-700 hover:underline dark:text-brand-100">
        Log integrity and offline checks
      </a>
    </p>
  );
}

interface Props {
  tenant: string;
  filter: ParsedAuditFilter;
  log: AuditPage | null;
  integrity: IntegrityPanelView;
}

/** A tenant's audit log: filters in the URL, the entries, and the integrity of the log they are in. */
export function TenantAuditView({ tenant, filter, log, integrity }: Props) {
  return (
    <QueryProvider>
      <div className="mx-auto max-w-7xl space-y-6 p-6">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">Audit log</h1>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Every action on this tenant — by its people, the provider’s staff, tokens and the system — with who did it,
            from which employer and office country for provider staff, and what came of it. Each entry is sealed into
            the region’s signed log; download its proof to check it without trusting this portal.
          </p>
          <IntegrityStrip panel={integrity} />
        </div>
        <AuditFilterForm key={JSON.stringify(filter.values)} filter={filter} />
        {filter.query && log ? (
          <AuditTable
            tenant={tenant}
            query={filter.query}
            values={filter.values}
            filtered={filter.filtered}
            initial={log}
          />
        ) : (
          <div
            role="alert"
            className="flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
          >
            <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
            <p>{filter.errors.cursor ?? "Fix the highlighted filter to see entries."}</p>
          </div>
        )}
        <IntegrityPanel panel={integrity} />
      </div>
    </QueryProvider>
  );
}
