"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { RegisterChange, RegisterEntry, RegisterView } from "@/modules/subprocessors/client";
import type { RegisterChoices } from "@/modules/subprocessors/server/catalogue";
import { ChangeCard } from "@/modules/subprocessors/ui/register-change-card";
import { RegisterEntries } from "@/modules/subprocessors/ui/register-entries";
import { ProposeForm } from "@/modules/subprocessors/ui/register-propose-form";
import type { ReviewContext } from "@/modules/subprocessors/ui/register-review-actions";
import { RegisterSettingsForm } from "@/modules/subprocessors/ui/register-settings-form";
import { serverNow, type RegisterNames } from "@/modules/subprocessors/ui/register-words";

const newestFirst = (a: RegisterChange, b: RegisterChange) => b.created_at.localeCompare(a.created_at);

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3" data-testid={id}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {intro && <p className="text-sm text-slate-600 dark:text-slate-400">{intro}</p>}
      {children}
    </section>
  );
}

function ChangeList({ changes, ctx, empty }: { changes: RegisterChange[]; ctx: ReviewContext; empty: string }) {
  if (changes.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <ul className="space-y-3">
      {changes.map((c) => (
        <li key={c.id}>
          <ChangeCard change={c} ctx={ctx} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The region's subprocessor register for provider staff: the changes awaiting review, those
 * announced and in their notice period, the entries, the history and the notice settings. What
 * each viewer may do comes from the server (`allowed_actions`), never from their role's name.
 */
export function RegisterViewer({
  view,
  choices,
  regionName,
}: {
  view: RegisterView;
  choices: RegisterChoices;
  regionName: string;
}) {
  const statusRef = useRef<HTMLParagraphElement>(null);
  const clockOffset = useRef(0);
  const [status, setStatus] = useState("");
  const [form, setForm] = useState<{ entry: RegisterEntry | null } | null>(null);

  // The server's clock, as the page read it, moved on by the time since: approval dates say what
  // the server will compute, whatever this browser's clock says.
  useEffect(() => {
    clockOffset.current = Date.parse(view.now) - Date.now();
  }, [view.now]);

  const names: RegisterNames = useMemo(
    () => ({
      dataClasses: new Map(choices.dataClasses.map((c) => [c.key, c.name])),
      regions: new Map(choices.regions.map((r) => [r.id, r.name])),
    }),
    [choices],
  );

  const focusStatus = useCallback(() => statusRef.current?.focus(), []);
  const done = useCallback(
    (words: string) => {
      setStatus(words);
      setForm(null);
      // After the dialog or form is gone; the refresh keeps this component mounted.
      requestAnimationFrame(focusStatus);
    },
    [focusStatus],
  );

  const ctx: ReviewContext = {
    names,
    settings: view.settings,
    regionName,
    now: () => serverNow(view.now, Date.parse(view.now) - clockOffset.current, Date.now()),
    onDone: setStatus,
    focusAfter: focusStatus,
  };

  const canPropose = view.allowed_actions.includes("propose");
  const byState = (...states: RegisterChange["state"][]) =>
    view.changes.filter((c) => states.includes(c.state)).sort(newestFirst);

  function openForm(entry: RegisterEntry | null) {
    setStatus("");
    setForm({ entry });
    requestAnimationFrame(() => document.getElementById("propose-heading")?.focus());
  }

  return (
    <div className="mx-auto max-w-5xl space-y-8 p-4 sm:p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Subprocessor register of {regionName}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Provider admins propose; a compliance officer who did not propose a change reviews it (four eyes). Customers
          get {view.settings.notice_days} days&apos; notice before a subprocessor receives more of their data.
        </p>
        <p ref={statusRef} tabIndex={-1} role="status" className="text-sm font-medium" data-testid="register-status">
          {status}
        </p>
        {canPropose && !form && (
          <Button variant="primary" onClick={() => openForm(null)}>
            Propose a new subprocessor
          </Button>
        )}
      </header>

      {form && (
        <ProposeForm
          key={form.entry?.id ?? "new"}
          entry={form.entry}
          choices={choices}
          settings={view.settings}
          onCancel={() => setForm(null)}
          onDone={done}
        />
      )}

      <Section
        id="register-awaiting-review"
        title="Awaiting review"
        intro="Proposed changes: nothing is announced until a compliance officer approves."
      >
        <ChangeList changes={byState("proposed")} ctx={ctx} empty="No change is awaiting review." />
      </Section>

      <Section
        id="register-announced"
        title="Announced, in their notice period"
        intro="Customers have been told; each takes effect on its date unless withdrawn."
      >
        <ChangeList changes={byState("announced")} ctx={ctx} empty="No change is announced." />
      </Section>

      <Section id="register-entries" title="Subprocessors">
        <RegisterEntries
          entries={view.subprocessors}
          changes={view.changes}
          names={names}
          canPropose={canPropose}
          regionName={regionName}
          onProposeChange={openForm}
          onDone={done}
          focusAfter={focusStatus}
        />
      </Section>

      <Section id="register-history" title="Change history">
        <details>
          <summary className="cursor-pointer text-sm font-medium">
            Changes in effect, rejected and withdrawn ({byState("effective", "rejected", "withdrawn").length})
          </summary>
          <div className="mt-3">
            <ChangeList
              changes={byState("effective", "rejected", "withdrawn")}
              ctx={ctx}
              empty="No change has been decided yet."
            />
          </div>
        </details>
      </Section>

      <Section id="register-settings" title="Notice settings">
        <RegisterSettingsForm
          key={view.settings.updated_at}
          settings={view.settings}
          canEdit={view.allowed_actions.includes("settings")}
          onDone={done}
        />
      </Section>
    </div>
  );
}
