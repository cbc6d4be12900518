"use client";

import { ChevronDown, ChevronRight, Download } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { actionWords, actorTypeWords, describeSubject } from "@/modules/audit/ui/actions";
import { actorDisplayName } from "@/modules/audit/domain/actors";
import { OutcomeBadge, PendingBadge, UtcTime } from "@/modules/audit/ui/status";
import { entryProofUrl } from "@/modules/audit/client";
import type { AuditEntryView } from "@/modules/audit/server/tenant-audit";

const CELL = "px-3 py-2 align-top";

function DetailItem({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="mt-0.5 break-all">{children}</dd>
    </div>
  );
}

/** One entry, and its full record below it when expanded. */
export function AuditEntryRow({
  tenant,
  entry,
  actorHref,
}: {
  tenant: string;
  entry: AuditEntryView;
  actorHref: (actorId: string) => string;
}) {
  const [open, setOpen] = useState(false);
  const subject = describeSubject(entry.subject);
  const detailsId = `entry-${entry.id}`;
  const { actor } = entry;
  return (
    <>
      <tr
        data-entry={entry.id}
        data-action={entry.action}
        data-actor-type={actor.type}
        className={open ? "bg-slate-50 dark:bg-slate-800/40" : undefined}
      >
        <td className="py-2 pl-2 align-top">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((o) => !o)}
            title={open ? "Hide details" : "Show details"}
            className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-slate-100"
          >
            {open ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
            <span className="sr-only">Details</span>
          </button>
        </td>
        <th scope="row" className={`${CELL} text-left font-normal`}>
          <UtcTime value={entry.at} stacked />
        </th>
        <td className={CELL}>
          <div className="font-medium">{actionWords(entry.action)}</div>
          <code className="text-xs text-slate-500">{entry.action}</code>
        </td>
        <td className={CELL}>
          {/* The person by name, their id on hover; the name narrows the log to them. */}
          {actor.id ? (
            <Link
              href={actorHref(actor.id)}
              title={`${actor.id}: show only this actor's entries`}
              data-testid="actor-name"
              className="block max-w-56 font-medium text-brand-700 hover:underline dark:text-brand-100"
            >
              {actorDisplayName(actor)}
            </Link>
          ) : (
            <div data-testid="actor-name" className="font-medium">
              {actorDisplayName(actor)}
            </div>
          )}
          {actor.email && <div className="max-w-56 break-all text-xs text-slate-500">{actor.email}</div>}
          <div className="text-xs text-slate-500">{actorTypeWords(actor.type)}</div>
          {(actor.employer || actor.country) && (
            <div className="text-xs text-slate-500">
              {actor.employer ?? "employer not recorded"}
              {actor.country ? ` · office in ${actor.country}` : ""}
            </div>
          )}
        </td>
        <td className={CELL}>
          {subject ? (
            <>
              {subject.kind && <div>{subject.kind}</div>}
              <div className="max-w-40 truncate font-mono text-xs text-slate-500" title={subject.id}>
                {subject.id}
              </div>
            </>
          ) : (
            <span className="text-slate-400">none</span>
          )}
        </td>
        <td className={CELL}>
          <OutcomeBadge outcome={entry.outcome} />
        </td>
        <td className={`${CELL} whitespace-nowrap`}>
          <div className="tabular-nums" data-testid="leaf-index">
            {entry.index === null ? <PendingBadge /> : `#${entry.index}`}
          </div>
          {entry.index !== null && (
            <a
              href={entryProofUrl(tenant, entry.id)}
              download
              className="mt-0.5 inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline dark:text-brand-100"
            >
              <Download aria-hidden className="size-3.5" /> Download proof
              <span className="sr-only"> of entry #{entry.index}</span>
            </a>
          )}
        </td>
      </tr>
      <tr id={detailsId} hidden={!open} className="bg-slate-50 dark:bg-slate-800/40">
        <td colSpan={7} className="px-3 pb-4 pt-1 sm:pl-10">
          <dl className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <DetailItem term="Entry id">
              <code className="font-mono text-xs">{entry.id}</code>
            </DetailItem>
            <DetailItem term="Log index">
              {entry.index === null ? "not in the signed tree yet" : entry.index}
            </DetailItem>
            <DetailItem term="Time">
              <code className="font-mono text-xs">{entry.at}</code>
            </DetailItem>
            <DetailItem term="Outcome code">
              <code className="font-mono text-xs">{entry.outcome}</code>
            </DetailItem>
            <DetailItem term="Actor">
              {actorDisplayName(actor)}
              {actor.email ? ` · ${actor.email}` : ""}
              <div>
                {actorTypeWords(actor.type)} <code className="font-mono text-xs">{actor.id ?? "—"}</code>
              </div>
              {actor.token && (
                <div>
                  API token <code className="font-mono text-xs">{actor.token.id}</code>
                </div>
              )}
            </DetailItem>
            <DetailItem term="Employer and office">
              {actor.employer || actor.country
                ? `${actor.employer ?? "—"} · ${actor.country ?? "—"}`
                : "not provider staff"}
            </DetailItem>
            <DetailItem term="Subject">
              <code className="font-mono text-xs">{entry.subject ?? "—"}</code>
            </DetailItem>
          </dl>
          <div className="mt-3">
            <div className="text-xs font-medium uppercase tracking-wide text-slate-500">Details</div>
            <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-xs ring-1 ring-slate-200 dark:bg-slate-950 dark:ring-slate-800">
              {JSON.stringify(entry.details, null, 2)}
            </pre>
          </div>
        </td>
      </tr>
    </>
  );
}
