"use client";

import type { RequestFormOptions } from "@/modules/support/server/desk";
import type { AccessLevel } from "@/modules/support/domain/model";

export interface ScopeValue {
  stores: string[];
  data_classes: string[];
  access: AccessLevel;
}

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-0.5 text-xs text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}

/** What is asked for: stores of the tenant (with their region) and/or data classes, read or read-write. */
export function ScopePicker({
  idPrefix,
  options,
  value,
  onChange,
  allowReadWrite,
  errors,
}: {
  idPrefix: string;
  options: RequestFormOptions;
  value: ScopeValue;
  onChange: (next: ScopeValue) => void;
  allowReadWrite: boolean;
  errors: { stores?: string | null; data_classes?: string | null; access?: string | null };
}) {
  const storesErr = `${idPrefix}-stores-error`;
  const classesErr = `${idPrefix}-classes-error`;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <fieldset className="min-w-0 text-sm" aria-describedby={errors.stores ? storesErr : `${idPrefix}-scope-hint`}>
          <legend className="font-medium">Stores</legend>
          <div className="mt-1 max-h-56 space-y-1 overflow-y-auto rounded border border-slate-200 p-2 dark:border-slate-800">
            {options.stores.length === 0 && (
              <p className="text-slate-600 dark:text-slate-400">This tenant has no stores.</p>
            )}
            {options.stores.map((s) => (
              <label key={s.id} className="flex items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  name={`${idPrefix}-store`}
                  value={s.id}
                  checked={value.stores.includes(s.id)}
                  onChange={(e) => onChange({ ...value, stores: toggle(value.stores, s.id, e.target.checked) })}
                />
                <span className="min-w-0 break-words">
                  {s.name} <span className="text-xs text-slate-600 dark:text-slate-400">({s.region})</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id={storesErr} message={errors.stores} />
        </fieldset>
        <fieldset
          className="min-w-0 text-sm"
          aria-describedby={errors.data_classes ? classesErr : `${idPrefix}-scope-hint`}
        >
          <legend className="font-medium">Data classes</legend>
          <div className="mt-1 max-h-56 space-y-1 overflow-y-auto rounded border border-slate-200 p-2 dark:border-slate-800">
            {options.data_classes.map((c) => (
              <label key={c.key} className="flex items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  name={`${idPrefix}-class`}
                  value={c.key}
                  checked={value.data_classes.includes(c.key)}
                  onChange={(e) =>
                    onChange({ ...value, data_classes: toggle(value.data_classes, c.key, e.target.checked) })
                  }
                />
                <span className="min-w-0 break-words">
                  {c.name} <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{c.key}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id={classesErr} message={errors.data_classes} />
        </fieldset>
      </div>
      <p id={`${idPrefix}-scope-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        Name at least one store or data class. Data classes alone reach them in any of the tenant&apos;s stores; stores
        alone reach every class they hold.
      </p>
      <fieldset className="text-sm">
        <legend className="font-medium">Access</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${idPrefix}-access`}
              checked={value.access === "read"}
              onChange={() => onChange({ ...value, access: "read" })}
            />
            Read only
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name={`${idPrefix}-access`}
              checked={value.access === "read_write"}
              disabled={!allowReadWrite}
              onChange={() => onChange({ ...value, access: "read_write" })}
            />
            Read and write
            {!allowReadWrite && (
              <span className="text-xs text-slate-600 dark:text-slate-400">
                (the tenant&apos;s policy allows read only)
              </span>
            )}
          </label>
        </div>
        <FieldError id={`${idPrefix}-access-error`} message={errors.access} />
      </fieldset>
    </div>
  );
}
