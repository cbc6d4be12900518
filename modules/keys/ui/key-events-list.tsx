import { EVENT_LABEL, eventDetail } from "@/modules/keys/ui/key-format";
import type { KeyTimeline } from "@/modules/keys/client";
import { formatDateTime, humanize } from "@/platform/format";

const TONE: Record<string, string> = {
  disabled: "text-red-800 dark:text-red-300",
  deletion_scheduled: "text-orange-800 dark:text-orange-300",
  destroyed: "text-slate-900 dark:text-slate-100",
  enabled: "text-green-800 dark:text-green-300",
};

/** Who did it: a person by user id (as in the audit log), or the system's own work. */
function actorText(e: KeyTimeline["events"][number]): string {
  if (e.actor_type === "user" && e.actor_id) return `user ${e.actor_id}`;
  if (e.actor_type === "system") return "the system";
  return e.actor_type;
}

/** The key's lifecycle events in the window, newest first. */
export function KeyEventsList({ events }: { events: KeyTimeline["events"] }) {
  if (events.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No lifecycle events in this period.</p>;
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="w-full text-sm" data-testid="key-events">
        <caption className="sr-only">Lifecycle events, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-2 py-1">
              Time
            </th>
            <th scope="col" className="px-2 py-1">
              Event
            </th>
            <th scope="col" className="px-2 py-1">
              Details
            </th>
            <th scope="col" className="px-2 py-1">
              By
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {[...events].reverse().map((e, i) => (
            <tr key={`${e.at}-${e.type}-${i}`} data-event={e.type}>
              <td className="whitespace-nowrap px-2 py-1">{formatDateTime(e.at)}</td>
              <th scope="row" className={`px-2 py-1 text-left font-medium ${TONE[e.type] ?? ""}`}>
                {EVENT_LABEL[e.type] ?? humanize(e.type)}
              </th>
              <td className="px-2 py-1">{eventDetail(e.type, e.details)}</td>
              <td className="px-2 py-1 font-mono text-xs">{actorText(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
