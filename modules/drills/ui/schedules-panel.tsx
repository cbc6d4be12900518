"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { describedBy, FormError, FormField, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { ApiProblem } from "@/platform/http/client-fetch";
import { drillKeys, drillsApi, type Schedule, type ScheduleList } from "@/modules/drills/client";
import { DRILL_KIND_LABELS, DRILL_KINDS, type DrillKind } from "@/modules/drills/domain/model";
import {
  everyWords,
  localInputToIso,
  SCHEDULE_FREQUENCIES,
  type ScheduleDays,
} from "@/modules/drills/ui/schedule-words";

const ERROR_ID = "schedule-error";
const noSubscription = () => () => {};

/** The browser's time zone (none while rendering on the server, whose zone is not the person's). */
function useTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

/**
 * The tenant's recurring drills: each kind's period, next run and what its last run did; whoever
 * may start drills here sets one (a kind already scheduled is replaced) or removes one after a
 * confirmation that names what stops.
 */
export function SchedulesPanel({ tenant, initial }: { tenant: { slug: string; name: string }; initial: ScheduleList }) {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: drillKeys.schedules(tenant.slug),
    queryFn: () => drillsApi.schedules(tenant.slug),
    initialData: initial,
  });
  const manage = data.allowed_actions.includes("drills.start");
  const zone = useTimeZone();
  const heading = useRef<HTMLHeadingElement>(null);
  // Whether the dialog closes on a removal (its row is gone) or on Cancel.
  const removed = useRef(false);

  const [kind, setKind] = useState<DrillKind>("key_revocation");
  const [every, setEvery] = useState<ScheduleDays>(91);
  const [firstRun, setFirstRun] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [target, setTarget] = useState<DrillKind>("key_revocation");
  const [confirmOpen, setConfirmOpen] = useState(false);

  const refresh = () => queryClient.invalidateQueries({ queryKey: drillKeys.schedules(tenant.slug) });
  const set = useMutation({
    mutationFn: (firstRunAt: string | null) =>
      drillsApi.schedule(tenant.slug, {
        kind,
        every_days: every,
        ...(firstRunAt ? { first_run_at: firstRunAt } : {}),
      }),
    onSuccess: async (s) => {
      setFirstRun("");
      setDone(`${DRILL_KIND_LABELS[s.kind]} drill scheduled ${everyWords(s.every_days)}.`);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (k: DrillKind) => drillsApi.removeSchedule(tenant.slug, k),
    onSuccess: async (r) => {
      setDone(`The ${DRILL_KIND_LABELS[r.kind].toLowerCase()} schedule is removed.`);
      removed.current = true;
      await refresh();
      setConfirmOpen(false);
    },
    // Removed by someone else meanwhile: the list catches up while the dialog says so.
    onError: (err) => {
      if (err instanceof ApiProblem && err.status === 404) void refresh();
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const iso = firstRun ? localInputToIso(firstRun) : null;
    if (firstRun && !iso) {
      setLocalError("Give the first run as a date and a time, or leave it empty.");
      return;
    }
    setLocalError(null);
    set.mutate(iso);
  };
  const error = localError ?? set.error?.message ?? null;
  const firstRunInvalid =
    localError !== null || (set.error instanceof ApiProblem && set.error.code === "first_run_in_past");
  const current = data.schedules.find((s) => s.kind === kind);

  const removeButtonId = (k: DrillKind) => `remove-schedule-${k}`;
  const removeControl = (s: Schedule) => (
    <Button
      id={removeButtonId(s.kind)}
      size="xs"
      variant="danger-outline"
      aria-haspopup="dialog"
      onClick={() => {
        remove.reset();
        removed.current = false;
        setTarget(s.kind);
        setConfirmOpen(true);
      }}
    >
      Remove<span className="sr-only"> the {DRILL_KIND_LABELS[s.kind].toLowerCase()} schedule</span>
    </Button>
  );
  const targetLabel = DRILL_KIND_LABELS[target].toLowerCase();

  return (
    <section
      aria-labelledby="schedules-title"
      className="space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 id="schedules-title" ref={heading} tabIndex={-1} className="text-base font-semibold focus:outline-none">
        Schedules
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A scheduled drill starts by itself when due, in the background, and moves on to its next date.
      </p>
      <Table
        caption="Scheduled drills of this tenant"
        rows={data.schedules}
        rowKey={(s) => s.id}
        empty="No drill runs on a schedule."
        columns={[
          { key: "kind", header: "Drill", rowHeader: true, cell: (s) => DRILL_KIND_LABELS[s.kind] },
          { key: "every", header: "How often", cell: (s) => everyWords(s.every_days) },
          {
            key: "next",
            header: "Next run",
            cell: (s) => <Time iso={s.next_run_at} />,
            className: "whitespace-nowrap",
          },
          { key: "last", header: "Last run", cell: (s) => s.last_note ?? "Not run yet." },
          ...(manage
            ? [{ key: "remove", header: "", srHeader: "Remove", cell: removeControl, align: "right" as const }]
            : []),
        ]}
      />
      <p role="status" className="text-sm">
        {done}
      </p>
      {manage && (
        <ConfirmDialog
          tone="danger"
          title={`Remove the ${targetLabel} schedule?`}
          description={`No ${targetLabel} drill will run on a schedule for ${tenant.name} any more; drills already run and their reports stay.`}
          confirmLabel="Remove schedule"
          pendingLabel="Removing…"
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          open={confirmOpen}
          onOpenChange={setConfirmOpen}
          onConfirm={() => remove.mutate(target)}
          // Back to the row's Remove button, or, the row being gone, to the panel's heading.
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            const button = removed.current ? null : document.getElementById(removeButtonId(target));
            (button ?? heading.current)?.focus();
          }}
        />
      )}
      {manage && (
        <form onSubmit={onSubmit} aria-label="Set a drill schedule" className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-3 sm:items-start">
            <FormField
              id="schedule-kind"
              label="Drill to schedule"
              hint={current ? `Replaces its schedule (${everyWords(current.every_days)}).` : undefined}
            >
              <select
                id="schedule-kind"
                className={inputClass}
                value={kind}
                onChange={(e) => setKind(e.target.value as DrillKind)}
                {...describedBy("schedule-kind", current !== undefined, false, ERROR_ID)}
              >
                {DRILL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {DRILL_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id="schedule-every" label="How often">
              <select
                id="schedule-every"
                className={inputClass}
                value={every}
                onChange={(e) => setEvery(Number(e.target.value) as ScheduleDays)}
              >
                {SCHEDULE_FREQUENCIES.map((f) => (
                  <option key={f.days} value={f.days}>
                    {`${f.word[0]!.toUpperCase()}${f.word.slice(1)} (every ${f.days} days)`}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField
              id="schedule-first"
              label="First run (optional)"
              hint={`In your time zone${zone ? ` (${zone})` : ""}; empty: one period from now.`}
            >
              <input
                id="schedule-first"
                type="datetime-local"
                className={inputClass}
                value={firstRun}
                onChange={(e) => setFirstRun(e.target.value)}
                {...describedBy("schedule-first", true, firstRunInvalid, ERROR_ID)}
              />
            </FormField>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="primary" loading={set.isPending} loadingText="Setting…">
              Set schedule
            </Button>
            <FormError id={ERROR_ID} message={error} />
          </div>
          {data.runs_need_consent && (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              You can set or remove a schedule only for the kinds of drill the customer&apos;s consent covers, and a
              scheduled run only starts while it still does: one that comes due without it is skipped, and its last run
              says why.
            </p>
          )}
        </form>
      )}
    </section>
  );
}
