"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError, FormField, fieldAria, inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import {
  KEY_CUSTODY,
  KEY_CUSTODY_LABELS,
  TRANSFER_MECHANISMS,
  TRANSFER_MECHANISM_LABELS,
} from "@/modules/subprocessors/domain/vocabulary";
import { registerApi, type RegisterEntry, type RegisterSettings } from "@/modules/subprocessors/client";
import type { RegisterChoices } from "@/modules/subprocessors/server/catalogue";
import {
  emptyForm,
  formErrors,
  formFromEntry,
  proposalBody,
  type FormErrors,
  type ProposeFormState,
} from "@/modules/subprocessors/ui/register-form-state";
import { CheckboxGroup, CountryPicker, DataClassPicker } from "@/modules/subprocessors/ui/register-pickers";
import { SCC_MODULE_LABELS } from "@/modules/subprocessors/ui/register-words";

const ERROR_ID = "propose-error";
/** Where focus goes for a field's error (the first control of a group). */
const FIELD_IDS: Partial<Record<keyof ProposeFormState, string>> = {
  data_classes: "propose-data-classes",
  locations: "propose-locations",
  transfer_mechanism: "propose-transfer-adequacy",
};

/**
 * A new subprocessor, or a change to one (prefilled with the entry as it is): every field of the
 * register with its words, the date asked for, and the urgent path that shortens the notice only
 * with a reason a compliance officer approves. Nothing reaches customers until that approval.
 */
export function ProposeForm({
  entry,
  choices,
  settings,
  onCancel,
  onDone,
}: {
  /** The entry a change is proposed to; null for a new subprocessor. */
  entry: RegisterEntry | null;
  choices: RegisterChoices;
  settings: RegisterSettings;
  onCancel: () => void;
  onDone: (words: string) => void;
}) {
  const router = useRouter();
  const [form, setForm] = useState<ProposeFormState>(() => (entry ? formFromEntry(entry) : emptyForm()));
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof ProposeFormState>(field: K, value: ProposeFormState[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const found = formErrors(form);
    setErrors(found);
    const first = Object.keys(found)[0] as keyof ProposeFormState | undefined;
    if (first) {
      const target = document.getElementById(FIELD_IDS[first] ?? `propose-${first.replace(/_/g, "-")}`);
      (target?.querySelector<HTMLElement>("input, select, textarea") ?? target)?.focus();
      return;
    }
    setBusy(true);
    try {
      const proposed = await registerApi.propose(proposalBody(form, entry?.id ?? null));
      onDone(
        `Proposed: ${proposed.change.kind_label.toLowerCase()}, ${proposed.change.name}. A compliance officer who did not propose it reviews it; nothing is announced until then.`,
      );
      router.refresh();
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err.message : "Nothing was proposed: the request failed. Try again.");
    } finally {
      setBusy(false);
    }
  }

  const text = (
    field: "name" | "legal_entity" | "service" | "website",
    label: ReactNode,
    extra: { hint?: string; type?: string; maxLength: number },
  ) => {
    const id = `propose-${field.replace(/_/g, "-")}`;
    return (
      <FormField id={id} label={label} hint={extra.hint} error={errors[field]}>
        <input
          id={id}
          type={extra.type ?? "text"}
          value={form[field]}
          maxLength={extra.maxLength}
          onChange={(e) => set(field, e.target.value)}
          className={inputClass}
          {...fieldAria(id, { hint: Boolean(extra.hint), error: errors[field] })}
        />
      </FormField>
    );
  };

  const title = entry ? `Propose a change to ${entry.name}` : "Propose a new subprocessor";
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="propose-heading"
      className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      data-testid="propose-form"
    >
      <h2 id="propose-heading" tabIndex={-1} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A compliance officer who did not propose it reviews the proposal; customers are told only once it is approved.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {text("name", "Name", { maxLength: 120, hint: "As customers know it, e.g. “Postmark”." })}
        {text("legal_entity", "Legal entity", { maxLength: 200, hint: "The company that signs the DPA." })}
      </div>
      {text("service", "Service", { maxLength: 200, hint: "What it provides, e.g. “Transactional e-mail”." })}
      <FormField
        id="propose-purpose"
        label="Purpose of processing"
        hint="What it does with customers' data, in words customers read."
        error={errors.purpose}
      >
        <textarea
          id="propose-purpose"
          rows={3}
          maxLength={1000}
          value={form.purpose}
          onChange={(e) => set("purpose", e.target.value)}
          className={inputClass}
          {...fieldAria("propose-purpose", { hint: true, error: errors.purpose })}
        />
      </FormField>
      <DataClassPicker
        catalogue={choices.dataClasses}
        values={form.data_classes}
        onChange={(v) => set("data_classes", v)}
        error={errors.data_classes}
      />
      <CountryPicker values={form.locations} onChange={(v) => set("locations", v)} error={errors.locations} />
      <CheckboxGroup
        id="propose-storage-regions"
        legend="Storage regions (optional)"
        hint="The provider's regions where it stores data, if any."
        options={choices.regions.map((r) => ({ value: r.id, label: `${r.id} (${r.name})` }))}
        values={form.storage_regions}
        onChange={(v) => set("storage_regions", v)}
      />
      <fieldset
        id="propose-transfer-mechanism"
        className="space-y-1 text-sm"
        aria-describedby={errors.transfer_mechanism ? "propose-transfer-mechanism-error" : undefined}
      >
        <legend className="font-medium">Transfer mechanism</legend>
        {TRANSFER_MECHANISMS.map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input
              id={`propose-transfer-${m}`}
              type="radio"
              name="propose-transfer"
              checked={form.transfer_mechanism === m}
              onChange={() => set("transfer_mechanism", m)}
            />
            {TRANSFER_MECHANISM_LABELS[m]}
          </label>
        ))}
        {errors.transfer_mechanism && (
          <p id="propose-transfer-mechanism-error" role="alert" className="text-xs text-red-700 dark:text-red-300">
            {errors.transfer_mechanism}
          </p>
        )}
      </fieldset>
      {form.transfer_mechanism === "sccs" && (
        <FormField id="propose-scc-module" label="SCC module" error={errors.scc_module}>
          <select
            id="propose-scc-module"
            value={form.scc_module}
            onChange={(e) => set("scc_module", e.target.value)}
            className={inputClass}
            {...fieldAria("propose-scc-module", { error: errors.scc_module })}
          >
            <option value="">Choose the module…</option>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={String(n)}>
                {SCC_MODULE_LABELS[n]}
              </option>
            ))}
          </select>
        </FormField>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="propose-dpa-date" label="DPA signed on (optional)" error={errors.dpa_date}>
          <input
            id="propose-dpa-date"
            type="date"
            value={form.dpa_date}
            onChange={(e) => set("dpa_date", e.target.value)}
            className={inputClass}
            {...fieldAria("propose-dpa-date", { error: errors.dpa_date })}
          />
        </FormField>
        {text("website", "Website (optional)", { type: "url", maxLength: 500, hint: "An https:// address." })}
      </div>
      <FormField
        id="propose-certifications"
        label="Certifications (optional)"
        hint="Separated by commas, e.g. “ISO/IEC 27001, SOC 2 Type II”."
      >
        <input
          id="propose-certifications"
          value={form.certifications}
          onChange={(e) => set("certifications", e.target.value)}
          className={inputClass}
          {...fieldAria("propose-certifications", { hint: true })}
        />
      </FormField>
      <CheckboxGroup
        id="propose-key-custody"
        legend="Key custody supported (optional)"
        options={KEY_CUSTODY.map((k) => ({ value: k, label: `${KEY_CUSTODY_LABELS[k]} (${k.toUpperCase()})` }))}
        values={form.key_custody}
        onChange={(v) => set("key_custody", v as ProposeFormState["key_custody"])}
      />
      <TimingFields form={form} errors={errors} settings={settings} set={set} />
      <FormError id={ERROR_ID} message={problem} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" loading={busy} loadingText="Proposing…">
          Propose for review
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

/** The date asked for, and the urgent path: a checkbox that reveals the reason it requires. */
function TimingFields({
  form,
  errors,
  settings,
  set,
}: {
  form: ProposeFormState;
  errors: FormErrors;
  settings: RegisterSettings;
  set: <K extends keyof ProposeFormState>(field: K, value: ProposeFormState[K]) => void;
}) {
  return (
    <fieldset className="space-y-3 rounded border border-slate-200 p-3 text-sm dark:border-slate-800">
      <legend className="px-1 font-medium">When it takes effect</legend>
      <FormField
        id="propose-effective-on"
        label="Takes effect on (optional, UTC)"
        hint={`Leave empty for the end of the region's ${settings.notice_days}-day notice period, counted from the approval. An earlier date needs the urgent path.`}
        error={errors.effective_on}
      >
        <input
          id="propose-effective-on"
          type="date"
          value={form.effective_on}
          onChange={(e) => set("effective_on", e.target.value)}
          className={inputClass}
          {...fieldAria("propose-effective-on", { hint: true, error: errors.effective_on })}
        />
      </FormField>
      <div>
        <label className="flex items-start gap-2">
          <input
            id="propose-urgent"
            type="checkbox"
            className="mt-1"
            checked={form.urgent}
            onChange={(e) => set("urgent", e.target.checked)}
            aria-describedby="propose-urgent-hint"
          />
          Urgent replacement: shorten the notice period
        </label>
        <p id="propose-urgent-hint" className="ml-6 text-xs text-slate-600 dark:text-slate-400">
          A compliance officer must approve the shortened notice; customers read your reason with the announcement.
        </p>
      </div>
      {form.urgent && (
        <FormField
          id="propose-urgent-reason"
          label="Why the notice must be shortened (required)"
          hint="E.g. the current provider ends its service. Customers and the reviewer read this."
          error={errors.urgent_reason}
        >
          <textarea
            id="propose-urgent-reason"
            rows={3}
            maxLength={2000}
            required
            value={form.urgent_reason}
            onChange={(e) => set("urgent_reason", e.target.value)}
            className={inputClass}
            {...fieldAria("propose-urgent-reason", { hint: true, error: errors.urgent_reason })}
          />
        </FormField>
      )}
    </fieldset>
  );
}
