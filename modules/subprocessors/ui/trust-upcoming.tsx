import type { UpcomingChange } from "@/modules/subprocessors/api-schemas/public";
import { diffLine, diffRows, type RegisterNames } from "@/modules/subprocessors/ui/register-words";
import { TrustSection } from "@/modules/subprocessors/ui/trust-section";
import { upcomingWhen } from "@/modules/subprocessors/ui/trust-words";
import { Badge } from "@/components/ui/badge";

/** An announced change: what, from when (with its zone), and field by field what changes. */
function UpcomingItem({ change, names }: { change: UpcomingChange; names: RegisterNames }) {
  const rows = diffRows(change.diff, names);
  return (
    <li
      // The Atom feed's entries link here: /trust#change-<id>.
      id={`change-${change.change_id}`}
      className="scroll-mt-4 break-inside-avoid rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950"
      data-testid="trust-upcoming-change"
    >
      <h3 className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <span>
          {change.kind_label}: {change.name}
        </span>
        {change.urgent && <Badge tone="warning">urgent replacement, shortened notice</Badge>}
      </h3>
      <p className="mt-1 text-sm" data-testid="trust-effective-at">
        {upcomingWhen(change)}
      </p>
      <h4 className="mt-3 text-sm font-medium">What changes</h4>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
        {rows.map((row) => (
          <li key={row.field}>{diffLine(row)}</li>
        ))}
      </ul>
    </li>
  );
}

/** Every change announced and not yet in effect, soonest first. */
export function TrustUpcoming({ changes, names }: { changes: UpcomingChange[]; names: RegisterNames }) {
  return (
    <TrustSection
      id="trust-upcoming"
      title="Upcoming changes"
      intro="Changes announced to customers, in their notice period: during it a customer may object. Times are in UTC."
    >
      {changes.length === 0 ? (
        <p className="text-sm" data-testid="trust-no-upcoming">
          No change is announced.
        </p>
      ) : (
        <ul className="space-y-4" data-testid="trust-upcoming">
          {changes.map((c) => (
            <UpcomingItem key={c.change_id} change={c} names={names} />
          ))}
        </ul>
      )}
    </TrustSection>
  );
}
