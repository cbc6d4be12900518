import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { SupportRequest } from "@/modules/support/client";
import { StateBadges } from "@/modules/support/ui/request-facts";

/** Who decided the request's end, by name, in words. */
function decidedBy(r: SupportRequest): string {
  switch (r.state) {
    case "denied":
      return r.denial?.by ? `Denied by ${r.denial.by.name}` : "Denied by the tenant's policy";
    case "revoked":
      return r.grant?.revoked_by ? `Revoked by ${r.grant.revoked_by.name}` : "Revoked automatically";
    case "withdrawn":
      return `Withdrawn by ${r.requester.name}`;
    case "expired":
      return "Nobody decided in time";
    default: {
      const approvers = r.grant?.approvers.map((a) => a.name) ?? [];
      if (r.break_glass) return `Opened by ${r.confirmed_by?.name ?? "a second provider person"}`;
      return approvers.length > 0 ? `Approved by ${approvers.join(" and ")}` : "";
    }
  }
}

function endedAt(r: SupportRequest): string | null {
  if (r.state === "revoked") return r.grant?.revoked_at ?? null;
  if (r.state === "ended") return r.grant?.expires_at ?? null;
  if (r.state === "withdrawn") return r.withdrawn_at;
  if (r.state === "expired") return r.expires_at;
  return r.decided_at ?? r.denial?.at ?? null;
}

/** Requests that are over: ended, denied, expired, withdrawn, revoked, with who decided and when. */
export function HistoryTable({
  requests,
  caption = "Past requests",
}: {
  requests: SupportRequest[];
  caption?: string;
}) {
  return (
    <Table
      caption={caption}
      rows={requests}
      rowKey={(r) => r.id}
      empty="No past requests."
      data-testid="support-history"
      columns={[
        {
          key: "who",
          header: "Request",
          rowHeader: true,
          className: "min-w-56",
          cell: (r) => (
            <>
              <div className="font-medium">{r.requester.name}</div>
              <div className="text-xs text-slate-600 dark:text-slate-400">{r.scope_text}</div>
              <div className="text-xs text-slate-600 dark:text-slate-400">
                {r.reason_label}
                {r.ticket ? ` · ticket ${r.ticket}` : ""}
              </div>
            </>
          ),
        },
        { key: "state", header: "State", cell: (r) => <StateBadges request={r} /> },
        {
          key: "decided",
          header: "Decided",
          className: "min-w-40",
          cell: (r) => (
            <>
              <div>{decidedBy(r)}</div>
              {r.denial?.reason && (
                <div className="text-xs text-slate-600 dark:text-slate-400">“{r.denial.reason}”</div>
              )}
              {r.grant?.revoke_reason && (
                <div className="text-xs text-slate-600 dark:text-slate-400">“{r.grant.revoke_reason}”</div>
              )}
              {r.review && (
                <div className="text-xs text-slate-600 dark:text-slate-400">
                  Reviewed by {r.review.by.name}: “{r.review.rationale}”
                </div>
              )}
            </>
          ),
        },
        {
          key: "asked",
          header: "Asked",
          className: "whitespace-nowrap",
          cell: (r) => <Time iso={r.created_at} />,
        },
        {
          key: "ended",
          header: "Ended",
          className: "whitespace-nowrap",
          cell: (r) => <Time iso={endedAt(r)} fallback="—" />,
        },
      ]}
    />
  );
}
