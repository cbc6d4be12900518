"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, ArrowRight } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { AuditEntryRow } from "@/modules/audit/ui/audit-entry-row";
import { auditApi, auditKeys, type AuditPage } from "@/modules/audit/client";
import { auditSearchString, type AuditFilterValues, type AuditQuery } from "@/modules/audit/domain/filter";

/** While an entry waits for integration (usually well under a second), look again this often. */
const PENDING_REFRESH_MS = 1_500;

const hasPending = (page: AuditPage | undefined) => Boolean(page?.entries.some((e) => e.index === null));

interface Props {
  tenant: string;
  query: AuditQuery;
  values: AuditFilterValues;
  filtered: boolean;
  initial: AuditPage;
}

/** The entries of one page, newest first; refreshed while some are still pending integration. */
export function AuditTable({ tenant, query, values, filtered, initial }: Props) {
  const pathname = usePathname();
  const { data, error } = useQuery({
    queryKey: auditKeys.list(tenant, query),
    queryFn: () => auditApi.list(tenant, query),
    initialData: initial,
    refetchInterval: (q) => (hasPending(q.state.data) ? PENDING_REFRESH_MS : false),
  });
  const actorHref = (actor: string) => `${pathname}${auditSearchString({ ...values, actor })}`;
  const pending = data.entries.filter((e) => e.index === null).length;

  if (data.entries.length === 0) {
    return (
      <div
        className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700"
        data-testid="audit-empty"
      >
        <p className="font-medium">
          {query.cursor
            ? "No older entries."
            : filtered
              ? "No entries match these filters."
              : "This tenant has no audit entries yet."}
        </p>
        <p className="mt-1 text-sm text-slate-500">
          {filtered
            ? "Widen the time range, or clear the filters."
            : "Every change to this tenant, and every refused attempt, is recorded here."}
        </p>
        {(filtered || query.cursor) && (
          <Link
            href={pathname}
            className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            Show the newest entries, unfiltered
          </Link>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="audit-summary">
        {data.entries.length} {data.entries.length === 1 ? "entry" : "entries"}, newest first
        {query.cursor ? " (older page)" : ""}.
        {pending > 0
          ? ` ${pending} pending integration into the signed log; this list refreshes until they are in.`
          : ""}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not refresh the list: {error.message}
        </p>
      )}
      <div
        tabIndex={0}
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <table className="w-full text-sm" data-testid="audit-table">
          <caption className="sr-only">Audit entries of {tenant}, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
            <tr>
              <th scope="col" className="w-8 py-2 pl-2">
                <span className="sr-only">Details</span>
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Time (UTC)
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Action
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Actor
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Subject
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Outcome
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Signed log
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.entries.map((entry) => (
              <AuditEntryRow key={entry.id} tenant={tenant} entry={entry} actorHref={actorHref} />
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Audit log pages" className="flex items-center justify-between gap-3">
        {query.cursor ? (
          <Link
            href={`${pathname}${auditSearchString(values)}`}
            className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            <ArrowLeft aria-hidden className="size-4" /> Newest entries
          </Link>
        ) : (
          <span />
        )}
        {data.next_cursor && (
          <Link
            href={`${pathname}${auditSearchString(values, data.next_cursor)}`}
            className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            Older entries <ArrowRight aria-hidden className="size-4" />
          </Link>
        )}
      </nav>
    </div>
  );
}
