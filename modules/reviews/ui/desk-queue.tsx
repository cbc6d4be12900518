import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { formatCount } from "@/platform/format";
import { KINDS } from "@/modules/reviews/domain/kinds";
import type { ReviewDeskSummary } from "@/modules/reviews/server/desk";

/**
 * The review queue on the compliance desk's home: what waits per kind, what is past its due date
 * and what is assigned to the reader, each a link to the queue filtered that way.
 */
export function DeskQueue({ summary }: { summary: ReviewDeskSummary }) {
  const figures: [string, string, number, string][] = [
    ["open", "Open", summary.open, "/region/reviews"],
    ["overdue", "Past due", summary.overdue, "/region/reviews?overdue=true"],
    ["mine", "Assigned to me", summary.mine, "/region/reviews?assignee=me"],
    ["unassigned", "Nobody assigned", summary.unassigned, "/region/reviews?assignee=none"],
  ];
  return (
    <section
      aria-labelledby="desk-queue-heading"
      className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      data-testid="desk-queue"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="desk-queue-heading" className="text-lg font-semibold">
          Review queue
        </h2>
        <Link href="/region/reviews" className="text-sm underline underline-offset-2">
          Open the queue
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map(([key, label, value, href]) => (
          <div key={key}>
            <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">
              <Link href={href} className="underline-offset-2 hover:underline" data-testid={`desk-${key}`}>
                {formatCount(value)}
              </Link>
            </dd>
          </div>
        ))}
      </dl>
      <table className="w-full text-sm">
        <caption className="sr-only">Open review items by kind</caption>
        <thead>
          <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
            <th scope="col" className="py-1 font-medium">
              Kind
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Open
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Past due
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {summary.kinds.map((k) => (
            <tr key={k.kind} data-kind={k.kind}>
              <th scope="row" className="py-1.5 text-left font-normal">
                <Link href={`/region/reviews?kind=${k.kind}`} className="underline-offset-2 hover:underline">
                  {KINDS[k.kind].label}
                </Link>
              </th>
              <td className="py-1.5 text-right tabular-nums">{formatCount(k.open)}</td>
              <td className="py-1.5 text-right tabular-nums">
                {k.overdue > 0 ? <Badge tone="danger">{formatCount(k.overdue)}</Badge> : "0"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        As of <Time iso={summary.now} />.
      </p>
    </section>
  );
}
