import { EVENT_LABEL, eventDetail } from "@/modules/keys/ui/key-format";
import type { KeyTimeline } from "@/modules/keys/client";
import { humanize } from "@/platform/format";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

const TONE: Record<string, string> = {
  disabled: "text-red-800 dark:text-red-300",
  deletion_scheduled: "text-orange-800 dark:text-orange-300",
  destroyed: "text-slate-900 dark:text-slate-100",
  enabled: "text-green-800 dark:text-green-300",
};

/** Who did it: a person by name, or the system component by its name (ids only as a last resort). */
function actorText(e: KeyTimeline["events"][number]): string {
  if (e.actor) return e.actor.name;
  if (e.actor_type === "user" && e.actor_id) return `user ${e.actor_id}`;
  if (e.actor_type === "system") return "Terrane";
  return e.actor_type;
}

/** The key's lifecycle events in the window, newest first. */
export function KeyEventsList({ events }: { events: KeyTimeline["events"] }) {
  return (
    <Table
      data-testid="key-events"
      caption="Lifecycle events, newest first"
      density="compact"
      rows={[...events].reverse().map((e, i) => ({ ...e, key: `${e.at}-${e.type}-${i}` }))}
      rowKey={(e) => e.key}
      rowProps={(e) => ({ "data-event": e.type })}
      empty="No lifecycle events in this period."
      columns={[
        { key: "at", header: "Time", className: "whitespace-nowrap", cell: (e) => <Time iso={e.at} /> },
        {
          key: "event",
          header: "Event",
          rowHeader: true,
          cell: (e) => (
            <span className={`font-medium ${TONE[e.type] ?? ""}`}>{EVENT_LABEL[e.type] ?? humanize(e.type)}</span>
          ),
        },
        { key: "details", header: "Details", cell: (e) => eventDetail(e.type, e.details) },
        { key: "by", header: "By", cell: (e) => actorText(e) },
      ]}
    />
  );
}
