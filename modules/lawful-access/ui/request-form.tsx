"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError, FormField, fieldAria, inputClass } from "@/components/ui/field";
import { ApiProblem } from "@/platform/http/client-fetch";
import { lawfulAccessApi, type LawfulAccessRequest, type RecordInput } from "@/modules/lawful-access/client";
import { KIND_LABELS, REQUEST_KINDS, type RequestKind } from "@/modules/lawful-access/domain/model";

type NotificationChoice = "not_yet_notified" | "notified" | "prohibited";

/** A date input's value (YYYY-MM-DD, UTC) from an instant, or "". */
const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : "");
/** The instant of a date input's value: midnight UTC that day, or null when empty. */
const instant = (value: string) => (value ? `${value}T00:00:00Z` : null);

interface Draft {
  authority: string;
  jurisdiction: string;
  legalInstrument: string;
  kind: RequestKind;
  dataClasses: string;
  tenants: string[];
  summary: string;
  receivedOn: string;
  dueOn: string;
  respondedOn: string;
  notification: NotificationChoice;
  notifiedOn: string;
  basis: string;
  untilOn: string;
}

function draftOf(request: LawfulAccessRequest | null): Draft {
  return {
    authority: request?.authority ?? "",
    jurisdiction: request?.jurisdiction ?? "",
    legalInstrument: request?.legal_instrument ?? "",
    kind: request?.kind ?? "court_order",
    dataClasses: request?.data_classes.join(", ") ?? "",
    tenants: request?.tenants.map((t) => t.slug) ?? [],
    summary: request?.summary ?? "",
    receivedOn: day(request?.received_at) || new Date().toISOString().slice(0, 10),
    dueOn: day(request?.response_due_at),
    respondedOn: day(request?.responded_at),
    notification: request?.notification.prohibition_basis
      ? "prohibited"
      : request?.notification.notified_at
        ? "notified"
        : "not_yet_notified",
    notifiedOn: day(request?.notification.notified_at),
    basis: request?.notification.prohibition_basis ?? "",
    untilOn: day(request?.notification.prohibition_until),
  };
}

function bodyOf(d: Draft): RecordInput {
  return {
    authority: d.authority.trim(),
    jurisdiction: d.jurisdiction.trim().toUpperCase(),
    legal_instrument: d.legalInstrument.trim(),
    kind: d.kind,
    data_classes: d.dataClasses
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean),
    tenants: d.tenants,
    summary: d.summary.trim() || null,
    received_at: instant(d.receivedOn) ?? "",
    response_due_at: instant(d.dueOn),
    responded_at: instant(d.respondedOn),
    notification:
      d.notification === "notified"
        ? { state: "notified", notified_at: instant(d.notifiedOn) ?? "" }
        : d.notification === "prohibited"
          ? { state: "prohibited", basis: d.basis.trim(), ...(d.untilOn ? { until: instant(d.untilOn)! } : {}) }
          : { state: "not_yet_notified" },
  };
}

/**
 * Records a request, or edits an open one. The server checks everything (the policy, the dates,
 * the tenants); its problem is shown as it says it, and nothing is saved on a refusal.
 */
export function RequestForm({
  request,
  tenants,
  onDone,
  onCancel,
}: {
  request: LawfulAccessRequest | null;
  tenants: { slug: string; name: string }[];
  onDone: (words: string) => void;
  onCancel: () => void;
}) {
  const router = useRouter();
  const [d, setD] = useState<Draft>(() => draftOf(request));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((prev) => ({ ...prev, [key]: value }));
  const id = (name: string) => `la-${request?.id ?? "new"}-${name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const body = bodyOf(d);
      if (request) {
        // Only what was changed in the form: a date field holds the day, and re-sending an
        // untouched one would move the recorded instant to midnight.
        const before = bodyOf(draftOf(request));
        const changed = Object.fromEntries(
          (Object.keys(body) as (keyof RecordInput)[])
            .filter((k) => JSON.stringify(body[k]) !== JSON.stringify(before[k]))
            .map((k) => [k, body[k]]),
        );
        await lawfulAccessApi.update(request.id, changed);
        onDone(`Saved the request from ${body.authority}.`);
      } else {
        await lawfulAccessApi.record(body);
        onDone(
          body.notification.state === "prohibited"
            ? `Recorded the request from ${body.authority}. A legal prohibition holds: the tenants concerned are not told and do not see it.`
            : `Recorded the request from ${body.authority}. The tenants concerned see it and their admins were told.`,
        );
      }
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : "Nothing was saved: the request failed. Try again.");
    } finally {
      setPending(false);
    }
  }

  const errorId = id("error");
  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-labelledby={id("title")}
      aria-describedby={error ? errorId : undefined}
      className="space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800"
      data-testid="lawful-access-form"
    >
      <h3 id={id("title")} className="font-semibold">
        {request ? `Edit the request from ${request.authority}` : "Record a request"}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id={id("authority")} label="Authority" hint="Who asks, e.g. Bundeskriminalamt.">
          <input
            id={id("authority")}
            required
            value={d.authority}
            onChange={(e) => set("authority", e.target.value)}
            className={inputClass}
            {...fieldAria(id("authority"), { hint: true })}
          />
        </FormField>
        <FormField id={id("jurisdiction")} label="Jurisdiction" hint="ISO country code, e.g. DE or US.">
          <input
            id={id("jurisdiction")}
            required
            maxLength={2}
            value={d.jurisdiction}
            onChange={(e) => set("jurisdiction", e.target.value)}
            className={inputClass}
            {...fieldAria(id("jurisdiction"), { hint: true })}
          />
        </FormField>
        <FormField id={id("instrument")} label="Legal instrument" hint="The order, its court and reference.">
          <input
            id={id("instrument")}
            required
            value={d.legalInstrument}
            onChange={(e) => set("legalInstrument", e.target.value)}
            className={inputClass}
            {...fieldAria(id("instrument"), { hint: true })}
          />
        </FormField>
        <FormField id={id("kind")} label="Kind">
          <select
            id={id("kind")}
            value={d.kind}
            onChange={(e) => set("kind", e.target.value as RequestKind)}
            className={inputClass}
          >
            {REQUEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={id("classes")} label="Data classes concerned" hint="Keys, separated by commas.">
          <input
            id={id("classes")}
            value={d.dataClasses}
            onChange={(e) => set("dataClasses", e.target.value)}
            className={inputClass}
            {...fieldAria(id("classes"), { hint: true })}
          />
        </FormField>
        <FormField id={id("received")} label="Received on (UTC)">
          <input
            id={id("received")}
            type="date"
            required
            value={d.receivedOn}
            onChange={(e) => set("receivedOn", e.target.value)}
            className={inputClass}
          />
        </FormField>
        <FormField id={id("due")} label="Response due (UTC, optional)">
          <input
            id={id("due")}
            type="date"
            value={d.dueOn}
            onChange={(e) => set("dueOn", e.target.value)}
            className={inputClass}
          />
        </FormField>
        <FormField id={id("responded")} label="Responded on (UTC, optional)">
          <input
            id={id("responded")}
            type="date"
            value={d.respondedOn}
            onChange={(e) => set("respondedOn", e.target.value)}
            className={inputClass}
          />
        </FormField>
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">Tenants concerned</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {tenants.map((t) => (
            <label key={t.slug} className="inline-flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={d.tenants.includes(t.slug)}
                onChange={(e) =>
                  set("tenants", e.target.checked ? [...d.tenants, t.slug] : d.tenants.filter((s) => s !== t.slug))
                }
              />
              {t.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-2 text-sm">
        <legend className="font-medium">Customer notification</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {(
            [
              ["not_yet_notified", "Not yet notified"],
              ["notified", "Notified"],
              ["prohibited", "Legally prohibited"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-1.5">
              <input
                type="radio"
                name={id("notification")}
                value={value}
                checked={d.notification === value}
                onChange={() => set("notification", value)}
              />
              {label}
            </label>
          ))}
        </div>
        {d.notification === "notified" && (
          <FormField id={id("notified")} label="Notified on (UTC)">
            <input
              id={id("notified")}
              type="date"
              required
              value={d.notifiedOn}
              onChange={(e) => set("notifiedOn", e.target.value)}
              className={inputClass}
            />
          </FormField>
        )}
        {d.notification === "prohibited" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField
              id={id("basis")}
              label="Legal basis of the prohibition"
              hint="While it holds, the tenants do not see the request and are not told."
            >
              <input
                id={id("basis")}
                required
                value={d.basis}
                onChange={(e) => set("basis", e.target.value)}
                className={inputClass}
                {...fieldAria(id("basis"), { hint: true })}
              />
            </FormField>
            <FormField id={id("until")} label="Prohibited until (UTC, optional)" hint="Empty: until you lift it.">
              <input
                id={id("until")}
                type="date"
                value={d.untilOn}
                onChange={(e) => set("untilOn", e.target.value)}
                className={inputClass}
                {...fieldAria(id("until"), { hint: true })}
              />
            </FormField>
          </div>
        )}
      </fieldset>
      <FormField id={id("summary")} label="Summary (staff only, optional)">
        <textarea
          id={id("summary")}
          rows={2}
          value={d.summary}
          onChange={(e) => set("summary", e.target.value)}
          className={inputClass}
        />
      </FormField>
      <FormError id={errorId} message={error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" loading={pending} loadingText="Saving…">
          {request ? "Save changes" : "Record request"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
