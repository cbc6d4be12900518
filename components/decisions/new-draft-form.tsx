"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { LEGAL_BASIS_LABEL, OUTCOME_META } from "@/components/decisions/outcome";
import { decisionsApi, decisionsQueryKeys, type DecisionMatrix, type LegalBasis, type SharingOutcome } from "@/lib/client/decisions-api";

const input = "mt-1 w-full rounded border border-slate-300 p-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

/** A new draft for a data class and a region; it changes nothing until reviewed and accepted. */
export function NewDraftForm({ tenant, matrix, onCreated }: { tenant: string; matrix: DecisionMatrix; onCreated: (id: string) => void }) {
  const id = useId();
  const regions = matrix.destinations.filter((d) => d.kind === "region");
  const [dataClass, setDataClass] = useState(matrix.data_classes[0]?.key ?? "");
  const [region, setRegion] = useState(regions[0]?.id ?? "");
  const [outcome, setOutcome] = useState<SharingOutcome>("allow_pseudonymised");
  const [basis, setBasis] = useState<LegalBasis>("sccs");
  const [tia, setTia] = useState("");
  const [from, setFrom] = useState(() => new Date().toISOString().slice(0, 10));
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      decisionsApi.create(tenant, {
        data_class: dataClass, destination: { kind: "region", id: region }, outcome,
        ...(outcome === "deny" ? {} : { legal_basis: basis }), ...(tia.trim() ? { tia_ref: tia.trim() } : {}),
        effective_from: new Date(`${from}T00:00:00Z`).toISOString(),
      }),
    onSuccess: async (d) => { await client.invalidateQueries({ queryKey: decisionsQueryKeys.all(tenant) }); onCreated(d.id); },
  });
  function submit(e: FormEvent) { e.preventDefault(); create.mutate(); }
  return (
    <form onSubmit={submit} className="grid gap-3 rounded-lg border border-slate-200 p-4 sm:grid-cols-3 dark:border-slate-800" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="text-sm font-semibold sm:col-span-3">Draft a new decision</h3>
      <label className="text-sm">Data class
        <select className={input} value={dataClass} onChange={(e) => setDataClass(e.target.value)}>
          {matrix.data_classes.map((c) => <option key={c.key} value={c.key}>{c.name} ({c.key})</option>)}
        </select>
      </label>
      <label className="text-sm">Destination region
        <select className={input} value={region} onChange={(e) => setRegion(e.target.value)}>
          {regions.map((r) => <option key={r.key} value={r.id}>{r.label}</option>)}
        </select>
      </label>
      <label className="text-sm">Outcome
        <select className={input} value={outcome} onChange={(e) => setOutcome(e.target.value as SharingOutcome)}>
          {(Object.keys(OUTCOME_META) as SharingOutcome[]).map((o) => <option key={o} value={o}>{OUTCOME_META[o].label}</option>)}
        </select>
      </label>
      <label className="text-sm">Legal basis
        <select className={input} value={basis} disabled={outcome === "deny"} onChange={(e) => setBasis(e.target.value as LegalBasis)}>
          {Object.entries(LEGAL_BASIS_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </label>
      <label className="text-sm">Transfer impact assessment (needed for SCCs and BCRs)
        <input className={input} value={tia} onChange={(e) => setTia(e.target.value)} placeholder="TIA-2026-01" />
      </label>
      <label className="text-sm">Effective from
        <input type="date" className={input} value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <div className="flex items-center gap-3 sm:col-span-3">
        <button type="submit" disabled={create.isPending} className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50">
          {create.isPending ? "Saving…" : "Save draft"}
        </button>
        <span className="text-xs text-slate-600 dark:text-slate-400">A draft changes nothing: it needs a second compliance officer&apos;s approval and the customer admin&apos;s acceptance.</span>
      </div>
      {create.error && <p role="alert" className="text-sm text-red-700 sm:col-span-3">{create.error.message}</p>}
    </form>
  );
}
