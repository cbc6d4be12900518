"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useState } from "react";
import { DecisionActions } from "@/modules/sharing/ui/decision-actions";
import { DecisionEditing, type EditMode } from "@/modules/sharing/ui/decision-editing";
import { LEGAL_BASIS_LABEL, OutcomeLabel, StateBadge } from "@/modules/sharing/ui/outcome";
import { decisionsApi, decisionsQueryKeys, type DecisionDetail } from "@/modules/sharing/client";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatDate } from "@/platform/format";

interface Props {
  tenant: string;
  decisionId: string | null;
  onClose: () => void;
}

/** A decision's effective day, in words, in UTC (the form takes UTC dates). */
const day = (iso: string | null) => (iso ? formatDate(iso) : "open-ended");

function Versions({ decision }: { decision: DecisionDetail }) {
  return (
    <ol className="space-y-3" aria-label="Versions, newest first">
      {decision.versions.map((v) => (
        <li key={v.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">Version {v.version}</span>
            <StateBadge state={v.state} />
            <OutcomeLabel outcome={v.outcome} />
          </div>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Legal basis</dt>
            <dd>{v.legal_basis ? LEGAL_BASIS_LABEL[v.legal_basis] : "—"}</dd>
            <dt className="text-slate-500">TIA</dt>
            <dd>{v.tia_ref ?? "—"}</dd>
            <dt className="text-slate-500">DPA clause</dt>
            <dd>{v.dpa_clause ?? "—"}</dd>
            <dt className="text-slate-500">Effective</dt>
            <dd>
              <Time iso={v.effective_from} format="date" fallback="open-ended" /> to{" "}
              <Time iso={v.effective_to} format="date" fallback="open-ended" />
            </dd>
            {v.notes && (
              <>
                <dt className="text-slate-500">Notes</dt>
                <dd className="whitespace-pre-wrap">{v.notes}</dd>
              </>
            )}
          </dl>
          {v.diff.changes.length > 0 && (
            <Table
              className="mt-2"
              framed={false}
              density="compact"
              caption={v.version === 1 ? "As first drafted" : `Changes from version ${v.version - 1}`}
              captionVisible
              rows={v.diff.changes}
              rowKey={(c) => c.field}
              empty="No changes."
              columns={[
                { key: "field", header: "Field", rowHeader: true, className: "font-medium", cell: (c) => c.field },
                {
                  key: "before",
                  header: "Before",
                  cell: (c) => <del className="text-red-800 dark:text-red-300">{c.before ?? "—"}</del>,
                },
                {
                  key: "after",
                  header: "After",
                  cell: (c) => (
                    <ins className="text-emerald-800 no-underline dark:text-emerald-300">{c.after ?? "—"}</ins>
                  ),
                },
              ]}
            />
          )}
          {v.events.length > 0 && (
            <ul
              className="mt-2 space-y-0.5 text-xs text-slate-600 dark:text-slate-400"
              aria-label={`Steps of version ${v.version}`}
            >
              {v.events.map((e, i) => (
                <li key={i}>
                  <Time iso={e.at} />: {e.type.replace(/_/g, " ")} by {e.actor.name ?? e.actor.id} (
                  {e.actor.role.replace(/_/g, " ")}){e.reason ? <>: “{e.reason}”</> : null}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

/** One decision in a side panel: what applies now, the step this person may take, every version and its diff. */
export function DecisionDrawer({ tenant, decisionId, onClose }: Props) {
  const query = useQuery({
    queryKey: decisionsQueryKeys.detail(tenant, decisionId ?? "none"),
    queryFn: () => decisionsApi.detail(tenant, decisionId!),
    enabled: decisionId !== null,
  });
  const d = query.data;
  // The edit form's state lives here so Escape cancels the form before it closes the drawer.
  const [editing, setEditing] = useState<{ id: string; mode: EditMode } | null>(null);
  const editMode = editing && editing.id === decisionId ? editing.mode : null;
  return (
    <Dialog.Root
      open={decisionId !== null}
      onOpenChange={(open) => {
        if (!open) {
          setEditing(null);
          onClose();
        }
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content
          onEscapeKeyDown={(e) => {
            if (editMode) {
              e.preventDefault();
              setEditing(null);
            }
          }}
          className="fixed inset-y-0 right-0 z-40 w-[min(40rem,100vw)] overflow-y-auto bg-white p-5 shadow-xl dark:bg-slate-950"
          data-testid="decision-drawer"
        >
          <div className="flex items-start justify-between gap-3">
            <Dialog.Title className="text-lg font-semibold">
              {d ? `${d.data_class.name ?? d.data_class.key} → ${d.destination.label}` : "Sharing decision"}
            </Dialog.Title>
            <Dialog.Close className="rounded p-1 hover:bg-slate-100 dark:hover:bg-slate-800" aria-label="Close">
              <X aria-hidden className="size-5" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="text-sm text-slate-600 dark:text-slate-400">
            {d
              ? `${d.destination.kind} destination; ${d.version_count} version${d.version_count === 1 ? "" : "s"}.`
              : "Loading…"}
          </Dialog.Description>
          {query.error && (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {query.error.message}
            </p>
          )}
          {d && (
            <div className="mt-4 space-y-5">
              <section aria-labelledby="applies-now">
                <h3 id="applies-now" className="text-sm font-semibold">
                  Applies now
                </h3>
                <p className="mt-1 flex items-center gap-2 text-sm">
                  <OutcomeLabel outcome={d.effective_outcome} />
                  {d.in_force
                    ? `version ${d.in_force.version}, until ${day(d.in_force.in_force_until)}`
                    : "no version in force: the default deny applies"}
                </p>
              </section>
              <section aria-labelledby="workflow">
                <h3 id="workflow" className="mb-1 text-sm font-semibold">
                  Workflow{" "}
                  {d.pending && (
                    <>
                      — version {d.pending.version}: <StateBadge state={d.pending.state} />
                    </>
                  )}
                </h3>
                <DecisionActions tenant={tenant} decision={d} />
                <div className="mt-3">
                  <DecisionEditing
                    tenant={tenant}
                    decision={d}
                    editing={editMode}
                    setEditing={(mode) => setEditing(mode && decisionId ? { id: decisionId, mode } : null)}
                  />
                </div>
              </section>
              <section aria-labelledby="versions">
                <h3 id="versions" className="mb-2 text-sm font-semibold">
                  Versions
                </h3>
                <Versions decision={d} />
              </section>
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
