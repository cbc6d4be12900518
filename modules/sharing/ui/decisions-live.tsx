"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { DecisionDrawer } from "@/modules/sharing/ui/decision-drawer";
import { DecisionMatrixTable } from "@/modules/sharing/ui/decision-matrix";
import { NewDraftForm } from "@/modules/sharing/ui/new-draft-form";
import { OutcomeLabel, StateBadge } from "@/modules/sharing/ui/outcome";
import { PolicyText } from "@/modules/sharing/ui/policy-text";
import {
  decisionsApi,
  decisionsCsvUrl,
  decisionsQueryKeys,
  type DecisionList,
  type DecisionMatrix,
} from "@/modules/sharing/client";
import { prefillDestinationKey, type DraftPrefill } from "@/modules/sharing/domain/draft-prefill";

export interface DecisionsLiveProps {
  tenant: string;
  matrix: DecisionMatrix;
  list: DecisionList;
  /** A draft proposed from a lineage violation (the page's URL): the form opens prefilled. */
  prefill?: DraftPrefill | null;
}

const TABS = [
  { key: "matrix", label: "Matrix" },
  { key: "decisions", label: "Decisions" },
  { key: "policy", label: "Policy" },
] as const;
type Tab = (typeof TABS)[number]["key"];

/** The three views of the tenant's decisions, kept fresh by TanStack Query after every step. */
export function DecisionsLive({ tenant, matrix: initialMatrix, list: initialList, prefill }: DecisionsLiveProps) {
  // A proposal for a class and destination that already have a decision is a change to that
  // decision (its panel's "Propose a change"), not a second decision: open it instead of the form.
  const [existing] = useState(() =>
    prefill
      ? initialList.decisions.find(
          (d) => d.data_class.key === prefill.dataClass && d.destination.key === prefillDestinationKey(prefill),
        )
      : undefined,
  );
  const [tab, setTab] = useState<Tab>(prefill ? "decisions" : "matrix");
  const [open, setOpen] = useState<string | null>(existing?.id ?? null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const matrix = useQuery({
    queryKey: decisionsQueryKeys.matrix(tenant),
    queryFn: () => decisionsApi.matrix(tenant),
    initialData: initialMatrix,
  }).data;
  const list = useQuery({
    queryKey: decisionsQueryKeys.list(tenant),
    queryFn: () => decisionsApi.list(tenant),
    initialData: initialList,
  }).data;
  const canDraft = list.allowed_actions.includes("decisions.draft");

  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects.
  function onKey(e: KeyboardEvent, index: number) {
    const next =
      e.key === "ArrowRight"
        ? (index + 1) % TABS.length
        : e.key === "ArrowLeft"
          ? (index + TABS.length - 1) % TABS.length
          : null;
    if (next === null) return;
    e.preventDefault();
    setTab(TABS[next]!.key);
    tabRefs.current[next]?.focus();
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div
          role="tablist"
          aria-label="Views of the sharing decisions"
          className="flex gap-1 border-b border-slate-200 dark:border-slate-800"
        >
          {TABS.map((t, i) => (
            <button
              key={t.key}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              role="tab"
              id={`tab-${t.key}`}
              aria-controls={`panel-${t.key}`}
              aria-selected={tab === t.key}
              tabIndex={tab === t.key ? 0 : -1}
              onClick={() => setTab(t.key)}
              onKeyDown={(e) => onKey(e, i)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === t.key ? "border-blue-700 text-blue-800 dark:text-blue-300" : "border-transparent text-slate-600 dark:text-slate-400"}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <a
          href={decisionsCsvUrl(tenant, "all")}
          download
          className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
        >
          <Download aria-hidden className="size-4" /> Download CSV
        </a>
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "matrix" && <DecisionMatrixTable matrix={matrix} onOpen={setOpen} />}
        {tab === "decisions" && (
          <div className="space-y-4">
            {prefill && existing && (
              <p
                role="status"
                className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
              >
                {existing.data_class.name ?? existing.data_class.key} to {existing.destination.label} has a decision
                already, open beside:{" "}
                {existing.pending
                  ? `its version ${existing.pending.version} is in the workflow; continue it there.`
                  : "propose a change to it there."}
              </p>
            )}
            {canDraft && (
              <NewDraftForm
                tenant={tenant}
                matrix={matrix}
                onCreated={setOpen}
                prefill={prefill && !existing ? prefill : null}
              />
            )}
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Decisions">
              <table className="w-full text-sm" data-testid="decision-list">
                <caption className="sr-only">
                  Every decision of the tenant, what applies now and what is in the workflow
                </caption>
                <thead className="text-left text-slate-500">
                  <tr>
                    <th scope="col" className="p-2">
                      Data class
                    </th>
                    <th scope="col" className="p-2">
                      Destination
                    </th>
                    <th scope="col" className="p-2">
                      Applies now
                    </th>
                    <th scope="col" className="p-2">
                      In the workflow
                    </th>
                    <th scope="col" className="p-2">
                      <span className="sr-only">Open</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.decisions.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100 dark:border-slate-800">
                      <th scope="row" className="p-2 text-left font-normal">
                        {d.data_class.name ?? d.data_class.key}
                      </th>
                      <td className="p-2">{d.destination.label}</td>
                      <td className="p-2">
                        <OutcomeLabel outcome={d.effective_outcome} isDefault={!d.in_force} />
                      </td>
                      <td className="p-2">
                        {d.pending ? (
                          <span className="inline-flex items-center gap-1">
                            v{d.pending.version} <StateBadge state={d.pending.state} />
                          </span>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="p-2">
                        <Button variant="link" onClick={() => setOpen(d.id)}>
                          Details
                          <span className="sr-only">
                            {" "}
                            of {d.data_class.key} to {d.destination.label}
                          </span>
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {list.decisions.length === 0 && (
              <p className="text-sm text-slate-600">No decisions yet: nothing leaves the home region.</p>
            )}
          </div>
        )}
        {tab === "policy" && <PolicyText tenant={tenant} />}
      </div>
      <DecisionDrawer tenant={tenant} decisionId={open} onClose={() => setOpen(null)} />
    </div>
  );
}
