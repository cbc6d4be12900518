"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { errorId, inputClass } from "@/components/ui/field";
import { COUNTRY_CODES } from "@/platform/region/countries";
import type { CatalogueClass } from "@/modules/subprocessors/server/catalogue";
import { toggled } from "@/modules/subprocessors/ui/register-form-state";
import { countryWords } from "@/modules/subprocessors/ui/register-words";

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={errorId(id)} role="alert" className="mt-0.5 text-xs text-red-700 dark:text-red-300">
      {error}
    </p>
  );
}

const FIELDSET = "space-y-1 text-sm";
const LEGEND = "font-medium";

/** Checkboxes, one per value, with a legend: data classes, storage regions, key custody. */
export function CheckboxGroup({
  id,
  legend,
  hint,
  options,
  values,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string; detail?: string }[];
  values: string[];
  onChange: (values: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset
      id={id}
      className={FIELDSET}
      aria-describedby={[hint ? `${id}-hint` : null, error ? errorId(id) : null].filter(Boolean).join(" ") || undefined}
    >
      <legend className={LEGEND}>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <div className="grid gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-1"
              checked={values.includes(o.value)}
              onChange={(e) => onChange(toggled(values, o.value, e.target.checked))}
            />
            <span>
              {o.label}
              {o.detail && <span className="block text-xs text-slate-600 dark:text-slate-400">{o.detail}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/** The catalogue's classes by name (and key); a class the entry has that the catalogue lacks stays listed. */
export function DataClassPicker(props: {
  catalogue: CatalogueClass[];
  values: string[];
  onChange: (values: string[]) => void;
  error?: string;
}) {
  const known = new Set(props.catalogue.map((c) => c.key));
  const options = [
    ...props.catalogue.map((c) => ({ value: c.key, label: `${c.name} (${c.key})`, detail: c.description })),
    ...props.values.filter((v) => !known.has(v)).map((v) => ({ value: v, label: `${v} (not in the catalogue)` })),
  ];
  return (
    <CheckboxGroup
      id="propose-data-classes"
      legend="Data classes processed"
      hint="From the default catalogue every tenant's classes start from."
      options={options}
      values={props.values}
      onChange={props.onChange}
      error={props.error}
    />
  );
}

/** Processing countries chosen by name: a select and Add, the chosen ones listed with Remove. */
export function CountryPicker({
  values,
  onChange,
  error,
}: {
  values: string[];
  onChange: (values: string[]) => void;
  error?: string;
}) {
  const id = "propose-locations";
  const [choice, setChoice] = useState("");
  const countries = useMemo(
    () =>
      [...COUNTRY_CODES]
        .map((code) => ({ code, label: countryWords(code) }))
        .sort((a, b) => a.label.localeCompare(b.label, "en")),
    [],
  );
  function add() {
    if (choice && !values.includes(choice)) onChange([...values, choice]);
    setChoice("");
  }
  return (
    <fieldset
      className={FIELDSET}
      aria-describedby={[`${id}-hint`, error ? errorId(id) : null].filter(Boolean).join(" ")}
    >
      <legend className={LEGEND}>Processing countries</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        Every country where it processes customers&apos; data, support access included.
      </p>
      {values.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Chosen countries">
          {values.map((code) => (
            <li
              key={code}
              className="flex items-center gap-1 rounded border border-slate-300 py-0.5 pl-2 pr-0.5 dark:border-slate-700"
            >
              {countryWords(code)}
              <Button variant="ghost" size="xs" onClick={() => onChange(values.filter((v) => v !== code))}>
                Remove<span className="sr-only"> {countryWords(code)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className="sr-only">
            Country to add
          </label>
          <select
            id={id}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            className={inputClass}
            aria-invalid={Boolean(error) || undefined}
          >
            <option value="">Choose a country…</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code} disabled={values.includes(c.code)}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <Button onClick={add} aria-disabled={!choice || undefined}>
          Add country
        </Button>
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
