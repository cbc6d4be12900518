import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { LawfulAccessRegister } from "@/modules/lawful-access/client";

const WEEK = 7 * 86_400_000;

/**
 * For the compliance officer's desk home: the open requests, those overdue and those due within a
 * week, with a link to the register. Takes the register's read model (readRegister), so the desk
 * asks the policy the same way the register page does.
 */
export function LawfulAccessSummary({ register }: { register: LawfulAccessRegister }) {
  const now = Date.parse(register.now);
  const open = register.requests.filter((r) => r.state === "open");
  const overdue = open.filter((r) => r.overdue);
  const dueSoon = open
    .filter((r) => !r.overdue && !r.responded_at && r.response_due_at && Date.parse(r.response_due_at) - now <= WEEK)
    .sort((a, b) => a.response_due_at!.localeCompare(b.response_due_at!));
  return (
    <section aria-labelledby="la-summary-heading" className="space-y-2" data-testid="lawful-access-summary">
      <h2 id="la-summary-heading" className="text-base font-semibold">
        <Link href="/region/lawful-access" className="underline">
          Lawful access
        </Link>
      </h2>
      <p className="text-sm">
        {open.length === 0 ? "No open request." : `${open.length} open ${open.length === 1 ? "request" : "requests"}`}
        {overdue.length > 0 && (
          <>
            {" "}
            <Badge tone="danger">{overdue.length} overdue</Badge>
          </>
        )}
      </p>
      {dueSoon.length > 0 && (
        <ul className="space-y-1 text-sm">
          {dueSoon.map((r) => (
            <li key={r.id}>
              {r.authority} ({r.kind_label.toLowerCase()}): response due <Time iso={r.response_due_at} format="date" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
