"use client";

import { Filter } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { KNOWN_ACTION_FILTERS, TENANT_ACTION_GROUPS } from "@/modules/audit/ui/actions";
import { auditSearchString, utcInputValue, utcInstant, type ParsedAuditFilter } from "@/modules/audit/domain/filter";

const INPUT = "mt-1 w-full rounded-md border bg-white px-3 py-2 text-sm dark:bg-slate-900";
const inputBorder = (invalid: boolean) =>
  invalid ? "border-red-500 dark:border-red-400" : "border-slate-300 dark:border-slate-700";

/** A datetime-local input shows UTC to the second; text that is no time stays as typed (and is flagged). */
function inputTime(text: string): string {
  const instant = text ? utcInstant(text) : null;
  return instant ? utcInputValue(instant) : text;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}

/**
 * A plain GET form, so every filtered view is a URL to share. With JavaScript it navigates to
 * the tidy URL (empty fields left out, one `action`); without, the server reads what it sends.
 */
export function AuditFilterForm({ filter }: { filter: ParsedAuditFilter }) {
  const router = useRouter();
  const pathname = usePathname();
  const { values, errors } = filter;
  const known = KNOWN_ACTION_FILTERS.has(values.action);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "").trim();
    const next = {
      action: text("action_code") || text("action"),
      actor: text("actor"),
      who: text("who"),
      from: text("from"),
      to: text("to"),
    };
    router.push(`${pathname}${auditSearchString(next)}`);
  }

  return (
    <form
      method="get"
      onSubmit={onSubmit}
      aria-label="Filter the audit log"
      data-testid="audit-filters"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div>
        <label htmlFor="audit-action" className="block text-sm font-medium">
          Action
        </label>
        <select
          id="audit-action"
          name="action"
          defaultValue={known ? values.action : ""}
          className={`${INPUT} ${inputBorder(false)}`}
        >
          <option value="">All actions</option>
          {TENANT_ACTION_GROUPS.map((group) => (
            <optgroup key={group.prefix} label={group.label}>
              <option value={group.prefix}>
                All {group.label.toLowerCase()} ({group.prefix})
              </option>
              {group.actions.map(({ action, label }) => (
                <option key={action} value={action}>
                  {label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-action-code" className="block text-sm font-medium">
          or action code
        </label>
        <input
          id="audit-action-code"
          name="action_code"
          defaultValue={known ? "" : values.action}
          placeholder="e.g. api_token.revoked"
          spellCheck={false}
          autoCapitalize="none"
          aria-invalid={Boolean(errors.action)}
          aria-describedby={errors.action ? "audit-action-error" : "audit-action-hint"}
          className={`${INPUT} font-mono ${inputBorder(Boolean(errors.action))}`}
        />
        <p id="audit-action-hint" className="mt-1 text-xs text-slate-500">
          Exact code, or a prefix ending in “.”; wins over the list.
        </p>
        <FieldError id="audit-action-error" message={errors.action} />
      </div>
      <div>
        <label htmlFor="audit-actor" className="block text-sm font-medium">
          Actor id
        </label>
        <input
          id="audit-actor"
          name="actor"
          defaultValue={values.actor}
          spellCheck={false}
          autoCapitalize="none"
          aria-invalid={Boolean(errors.actor)}
          aria-describedby={errors.actor ? "audit-actor-error" : undefined}
          className={`${INPUT} font-mono ${inputBorder(Boolean(errors.actor))}`}
        />
        <FieldError id="audit-actor-error" message={errors.actor} />
      </div>
      <div>
        <label htmlFor="audit-who" className="block text-sm font-medium">
          Who
        </label>
        <select
          id="audit-who"
          name="who"
          defaultValue={values.who}
          aria-invalid={Boolean(errors.who)}
          aria-describedby={errors.who ? "audit-who-error" : "audit-who-hint"}
          className={`${INPUT} ${inputBorder(Boolean(errors.who))}`}
        >
          <option value="">Everyone</option>
          <option value="people">People: users and their API tokens</option>
          <option value="system">System: data-plane ingest and Terrane&apos;s own jobs</option>
        </select>
        <p id="audit-who-hint" className="mt-1 text-xs text-slate-500">
          The data plane records an entry for every batch it sends.
        </p>
        <FieldError id="audit-who-error" message={errors.who} />
      </div>
      <div>
        <label htmlFor="audit-from" className="block text-sm font-medium">
          From (UTC)
        </label>
        <input
          id="audit-from"
          name="from"
          type="datetime-local"
          step={1}
          defaultValue={inputTime(values.from)}
          aria-invalid={Boolean(errors.from)}
          aria-describedby={errors.from ? "audit-from-error" : undefined}
          className={`${INPUT} ${inputBorder(Boolean(errors.from))}`}
        />
        <FieldError id="audit-from-error" message={errors.from} />
      </div>
      <div>
        <label htmlFor="audit-to" className="block text-sm font-medium">
          Until (UTC)
        </label>
        <input
          id="audit-to"
          name="to"
          type="datetime-local"
          step={1}
          defaultValue={inputTime(values.to)}
          aria-invalid={Boolean(errors.to)}
          aria-describedby={errors.to ? "audit-to-error" : undefined}
          className={`${INPUT} ${inputBorder(Boolean(errors.to))}`}
        />
        <FieldError id="audit-to-error" message={errors.to} />
      </div>
      <div className="flex items-start gap-2 sm:col-span-2 lg:col-span-1 lg:mt-6">
        <button
          type="submit"
          className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          <Filter aria-hidden className="size-4" /> Apply
        </button>
        {filter.filtered && (
          <Link
            href={pathname}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
