"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormError, FormField, fieldAria, inputClass } from "@/components/ui/field";
import { Tabs } from "@/components/ui/tabs";
import { BREAK_GLASS_MAX_MINUTES, REASON_CODES, REASON_LABELS, type ReasonCode } from "@/modules/support/domain/model";
import { describeScope, durationWords } from "@/modules/support/domain/scope-text";
import { supportApi } from "@/modules/support/client";
import type { RequestFormOptions } from "@/modules/support/server/desk";
import type { ApiProblem } from "@/platform/http/client-fetch";
import { ScopePicker, type ScopeValue } from "@/modules/support/ui/scope-picker";
import { useStep } from "@/modules/support/ui/use-step";
import { problemFields } from "@/modules/support/ui/words";

const FIELDS = [
  "scope.stores",
  "scope.data_classes",
  "scope.access",
  "scope",
  "reason",
  "detail",
  "ticket",
  "duration_minutes",
  "start_at",
] as const;

/** Refusals that are not about one field but about the tenant's rules: shown large, above the buttons. */
const REFUSALS: Record<string, string> = {
  transfer_not_allowed: "A sharing decision is missing",
  read_write_not_allowed: "The tenant allows read access only",
  staff_profile_incomplete: "Your staff profile is incomplete",
};

function Refusal({ problem }: { problem: ApiProblem | null }) {
  if (!problem) return null;
  const title = REFUSALS[problem.code];
  if (!title) return null;
  return (
    <div
      role="alert"
      data-testid="request-refusal"
      className="rounded-md border-2 border-red-500 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{problem.message}</p>
    </div>
  );
}

function errorsOf(problem: ApiProblem | null) {
  if (!problem || REFUSALS[problem.code]) return { fields: {} as Record<string, string>, rest: "" };
  return problemFields(problem.message, FIELDS);
}

interface Props {
  tenant: string;
  tenantName: string;
  options: RequestFormOptions;
  maxGrantHours: number;
  allowReadWrite: boolean;
}

function RequestAccessForm({ tenant, tenantName, options, maxGrantHours, allowReadWrite }: Props) {
  const id = useId();
  const [scope, setScope] = useState<ScopeValue>({ stores: [], data_classes: [], access: "read" });
  const [reason, setReason] = useState<ReasonCode>("customer_initiated_support");
  const [detail, setDetail] = useState("");
  const [ticket, setTicket] = useState("");
  const [minutes, setMinutes] = useState(60);
  const [start, setStart] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const step = useStep();
  const formRef = useRef<HTMLFormElement>(null);
  const max = Math.min(8, maxGrantHours) * 60;
  const server = errorsOf(step.problem);
  const err = (f: string) => local[f] ?? server.fields[f] ?? null;
  const fid = (f: string) => `${id}-${f}`;

  function check(): Record<string, string> {
    const e: Record<string, string> = {};
    if (scope.stores.length + scope.data_classes.length === 0)
      e["scope.stores"] = "Choose at least one store or data class.";
    if (!detail.trim()) e.detail = "Say what you need to do and why.";
    if (reason === "customer_initiated_support" && !ticket.trim())
      e.ticket = "A customer-initiated request names the customer's ticket.";
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > max)
      e.duration_minutes = `Between 5 minutes and ${durationWords(max)}.`;
    return e;
  }

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-4"
      data-testid="request-access-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const found = check();
        setLocal(found);
        if (Object.keys(found).length > 0) {
          const first = Object.keys(found)[0]!;
          formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
          return;
        }
        const answer = await step.run(
          () =>
            supportApi.createRequest(tenant, {
              scope,
              reason,
              detail: detail.trim(),
              ...(ticket.trim() ? { ticket: ticket.trim() } : {}),
              duration_minutes: minutes,
              ...(start ? { start_at: new Date(start).toISOString() } : {}),
            }),
          (v) => `Request sent to ${tenantName}: ${v.state_label}.`,
        );
        if (answer) {
          setDetail("");
          setTicket("");
          setScope({ stores: [], data_classes: [], access: "read" });
        }
      }}
    >
      <ScopePicker
        idPrefix={fid("scope")}
        options={options}
        value={scope}
        onChange={setScope}
        allowReadWrite={allowReadWrite}
        errors={{
          stores: err("scope.stores") ?? err("scope"),
          data_classes: err("scope.data_classes"),
          access: err("scope.access"),
        }}
      />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id={fid("reason")} label="Reason" error={err("reason")}>
          <select
            id={fid("reason")}
            className={inputClass}
            value={reason}
            onChange={(e) => setReason(e.target.value as ReasonCode)}
            {...fieldAria(fid("reason"), { error: err("reason") })}
          >
            {REASON_CODES.map((c) => (
              <option key={c} value={c}>
                {REASON_LABELS[c]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          id={fid("ticket")}
          label={reason === "customer_initiated_support" ? "Customer's ticket (required)" : "Ticket (optional)"}
          error={err("ticket")}
        >
          <input
            id={fid("ticket")}
            data-field="ticket"
            className={inputClass}
            value={ticket}
            maxLength={200}
            onChange={(e) => setTicket(e.target.value)}
            {...fieldAria(fid("ticket"), { error: err("ticket") })}
          />
        </FormField>
      </div>
      <FormField
        id={fid("detail")}
        label="What you need to do, and why"
        hint="The customer's admins read this before deciding."
        error={err("detail")}
      >
        <textarea
          id={fid("detail")}
          data-field="detail"
          className={inputClass}
          rows={3}
          maxLength={2000}
          value={detail}
          onChange={(e) => setDetail(e.target.value)}
          {...fieldAria(fid("detail"), { hint: true, error: err("detail") })}
        />
      </FormField>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField
          id={fid("duration")}
          label="Duration (minutes)"
          hint={`At most ${durationWords(max)} (${tenantName}'s longest grant).`}
          error={err("duration_minutes")}
        >
          <input
            id={fid("duration")}
            data-field="duration_minutes"
            type="number"
            inputMode="numeric"
            min={5}
            max={max}
            step={5}
            className={inputClass}
            value={Number.isNaN(minutes) ? "" : minutes}
            onChange={(e) => setMinutes(e.target.valueAsNumber)}
            {...fieldAria(fid("duration"), { hint: true, error: err("duration_minutes") })}
          />
        </FormField>
        <FormField
          id={fid("start")}
          label="Start (optional)"
          hint="In your browser's time zone; empty: as soon as it is approved."
          error={err("start_at")}
        >
          <input
            id={fid("start")}
            type="datetime-local"
            className={inputClass}
            value={start}
            onChange={(e) => setStart(e.target.value)}
            {...fieldAria(fid("start"), { hint: true, error: err("start_at") })}
          />
        </FormField>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="off">
        You ask for{" "}
        {scope.stores.length + scope.data_classes.length > 0
          ? describeScope({
              access: scope.access,
              stores: options.stores.filter((s) => scope.stores.includes(s.id)),
              dataClasses: scope.data_classes,
              durationMinutes: Number.isInteger(minutes) ? minutes : 0,
            })
          : "nothing yet: choose stores or data classes."}
      </p>
      <Refusal problem={step.problem} />
      <FormError id={`${id}-error`} message={server.rest || null} />
      <Button type="submit" variant="primary" loading={step.pending} loadingText="Sending the request…">
        Request access
      </Button>
    </form>
  );
}

function BreakGlassForm({ tenant, tenantName, options }: Props) {
  const id = useId();
  const [scope, setScope] = useState<ScopeValue>({ stores: [], data_classes: [], access: "read" });
  const [detail, setDetail] = useState("");
  const [ticket, setTicket] = useState("");
  const [minutes, setMinutes] = useState(30);
  const [open, setOpen] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const step = useStep();
  const server = errorsOf(step.problem);
  const err = (f: string) => local[f] ?? server.fields[f] ?? null;
  const fid = (f: string) => `${id}-${f}`;

  function check(): Record<string, string> {
    const e: Record<string, string> = {};
    if (scope.stores.length + scope.data_classes.length === 0)
      e["scope.stores"] = "Choose at least one store or data class.";
    if (!detail.trim()) e.detail = "Name the production alert and what you must do.";
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > BREAK_GLASS_MAX_MINUTES)
      e.duration_minutes = `Between 5 and ${BREAK_GLASS_MAX_MINUTES} minutes.`;
    return e;
  }

  return (
    <form
      noValidate
      className="space-y-4"
      data-testid="break-glass-form"
      onSubmit={(e) => {
        e.preventDefault();
        const found = check();
        setLocal(found);
        if (Object.keys(found).length === 0) setOpen(true);
      }}
    >
      <p className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
        For production alerts only. A second provider person (a compliance officer or a provider admin) must open it; at
        most {BREAK_GLASS_MAX_MINUTES} minutes; {tenantName}&apos;s admins are told at once and a compliance officer
        reviews it afterwards.
      </p>
      <ScopePicker
        idPrefix={fid("scope")}
        options={options}
        value={scope}
        onChange={setScope}
        allowReadWrite
        errors={{
          stores: err("scope.stores") ?? err("scope"),
          data_classes: err("scope.data_classes"),
          access: err("scope.access"),
        }}
      />
      <FormField id={fid("detail")} label="The production alert, and what you must do" error={err("detail")}>
        <textarea
          id={fid("detail")}
          className={inputClass}
          rows={3}
          maxLength={2000}
          value={detail}
          onChange={(e) => setDetail(e.target.value)}
          {...fieldAria(fid("detail"), { error: err("detail") })}
        />
      </FormField>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <FormField id={fid("ticket")} label="Incident or ticket (optional)" error={err("ticket")}>
          <input
            id={fid("ticket")}
            className={inputClass}
            value={ticket}
            maxLength={200}
            onChange={(e) => setTicket(e.target.value)}
            {...fieldAria(fid("ticket"), { error: err("ticket") })}
          />
        </FormField>
        <FormField
          id={fid("duration")}
          label="Duration (minutes)"
          hint={`At most ${BREAK_GLASS_MAX_MINUTES} minutes.`}
          error={err("duration_minutes")}
        >
          <input
            id={fid("duration")}
            type="number"
            inputMode="numeric"
            min={5}
            max={BREAK_GLASS_MAX_MINUTES}
            step={5}
            className={inputClass}
            value={Number.isNaN(minutes) ? "" : minutes}
            onChange={(e) => setMinutes(e.target.valueAsNumber)}
            {...fieldAria(fid("duration"), { hint: true, error: err("duration_minutes") })}
          />
        </FormField>
      </div>
      <Refusal problem={step.problem} />
      <FormError id={`${id}-error`} message={server.rest || null} />
      <Button type="submit" variant="danger-outline">
        Ask for break-glass access…
      </Button>
      <ConfirmDialog
        tone="danger"
        title="Ask for emergency access?"
        description={
          <>
            <p>
              You ask for{" "}
              {describeScope({
                access: scope.access,
                stores: options.stores.filter((s) => scope.stores.includes(s.id)),
                dataClasses: scope.data_classes,
                durationMinutes: Number.isInteger(minutes) ? minutes : 0,
              })}
            </p>
            <p>
              It opens without {tenantName}&apos;s approval once a second provider person confirms it. {tenantName}
              &apos;s admins are told at once, it shows in red on their page, and a compliance officer reviews it with a
              written rationale.
            </p>
          </>
        }
        confirmLabel="Ask for break-glass"
        pendingLabel="Asking…"
        pending={step.pending}
        // What the API refuses is said in the form, under the fields it names, once the dialog closes.
        error={null}
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) step.reset();
        }}
        onConfirm={async () => {
          const answer = await step.run(
            () =>
              supportApi.openBreakGlass(tenant, {
                scope,
                reason: "production_alert_response",
                detail: detail.trim(),
                ...(ticket.trim() ? { ticket: ticket.trim() } : {}),
                duration_minutes: minutes,
              }),
            (v) => `Break-glass request sent: ${v.state_label}. A second provider person must open it.`,
          );
          setOpen(false);
          if (answer) {
            setDetail("");
            setTicket("");
          }
        }}
      />
    </form>
  );
}

/** The support engineer's way in: a request the customer approves, or break-glass for a production alert. */
export function RequestAccessPanel(props: Props) {
  const [tab, setTab] = useState<"request" | "break-glass">("request");
  return (
    <Tabs
      label="Ask for access"
      tabs={[
        { key: "request", label: "Request access" },
        { key: "break-glass", label: "Break-glass" },
      ]}
      selected={tab}
      onSelect={setTab}
    >
      <div className="pt-4">{tab === "request" ? <RequestAccessForm {...props} /> : <BreakGlassForm {...props} />}</div>
    </Tabs>
  );
}
