"use client";

import { useRef, useState } from "react";
import { Time } from "@/components/ui/time";
import type { AuditorSummary } from "@/modules/evidence/client";
import { ScopeDecisionButtons } from "@/modules/evidence/ui/scope-decision-buttons";
import { ScopeRequestCard } from "@/modules/evidence/ui/scope-request-card";

/**
 * The Auditors page's requests for more access, each with Approve and Deny. It stays mounted
 * when the last request is decided (the section goes), so what was decided is said here and
 * focus lands on it rather than on the page's body.
 */
export function ScopeRequestsSection({
  tenant,
  asking,
  canManage,
}: {
  tenant: string;
  /** Engagements with a request waiting. */
  asking: AuditorSummary[];
  canManage: boolean;
}) {
  const [decided, setDecided] = useState("");
  const noticeRef = useRef<HTMLParagraphElement>(null);
  return (
    <>
      {decided && (
        <p
          ref={noticeRef}
          tabIndex={-1}
          className="max-w-2xl rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
          data-testid="scope-decided"
        >
          {decided}
        </p>
      )}
      {asking.length > 0 && (
        <section aria-labelledby="auditors-requests" className="space-y-3" data-testid="scope-requests">
          <h2 id="auditors-requests" className="text-lg font-semibold">
            Requests for more access ({asking.length})
          </h2>
          {asking.map((a) => (
            <ScopeRequestCard key={a.scope_request!.id} request={a.scope_request!} who={a.name}>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                Their access ends {a.expires_at ? <Time iso={a.expires_at} /> : "when revoked"}; approving does not
                change that.
              </p>
              {canManage && (
                <ScopeDecisionButtons
                  tenant={tenant}
                  auditor={a}
                  request={a.scope_request!}
                  onDecided={setDecided}
                  focusAfter={() => noticeRef.current?.focus()}
                />
              )}
            </ScopeRequestCard>
          ))}
        </section>
      )}
    </>
  );
}
