"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { RegisterChange, RegisterEntry } from "@/modules/subprocessors/client";
import { RetireDialog } from "@/modules/subprocessors/ui/register-retire-dialog";
import {
  ENTRY_STATUS_TONES,
  ENTRY_STATUS_WORDS,
  KEY_CUSTODY_WORDS,
  countryWords,
  dataClassWords,
  dayWords,
  mechanismWords,
  regionWords,
  type RegisterNames,
} from "@/modules/subprocessors/ui/register-words";

const TERM = "text-slate-600 dark:text-slate-400";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className={TERM}>{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function StatusLine({ entry }: { entry: RegisterEntry }) {
  const when =
    entry.status === "announced" ? "Takes effect" : entry.status === "retired" ? "Retired on" : "Active since";
  return (
    <Row term={when}>
      <Time iso={entry.effective_at} />
    </Row>
  );
}

/** One entry with every stated field, and the proposals a provider admin may make about it. */
function EntryCard({
  entry,
  pending,
  names,
  canPropose,
  regionName,
  onProposeChange,
  onDone,
  focusAfter,
}: {
  entry: RegisterEntry;
  pending: RegisterChange | undefined;
  names: RegisterNames;
  canPropose: boolean;
  regionName: string;
  onProposeChange: (entry: RegisterEntry) => void;
  onDone: (words: string) => void;
  focusAfter: () => void;
}) {
  const headingId = `entry-${entry.id}-heading`;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="space-y-2 rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800"
        data-testid="register-entry"
      >
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold">
          <span>{entry.name}</span>
          <Badge tone={ENTRY_STATUS_TONES[entry.status]}>{ENTRY_STATUS_WORDS[entry.status]}</Badge>
        </h3>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <Row term="Legal entity">{entry.legal_entity}</Row>
          <Row term="Service">{entry.service}</Row>
          <Row term="Purpose">{entry.purpose}</Row>
          <Row term="Data classes">{entry.data_classes.map((k) => dataClassWords(k, names)).join(", ")}</Row>
          <Row term="Processing countries">{entry.locations.map(countryWords).join(", ")}</Row>
          <Row term="Storage regions">
            {entry.storage_regions?.length
              ? entry.storage_regions.map((r) => regionWords(r, names)).join(", ")
              : "None"}
          </Row>
          <Row term="Transfer mechanism">{mechanismWords(entry.transfer_mechanism, entry.scc_module ?? null)}</Row>
          <Row term="DPA date">{entry.dpa_date ? dayWords(entry.dpa_date) : "Not stated"}</Row>
          <Row term="Certifications">
            {entry.certifications?.length ? entry.certifications.join(", ") : "None stated"}
          </Row>
          <Row term="Key custody">
            {entry.key_custody.length ? entry.key_custody.map((k) => KEY_CUSTODY_WORDS[k]).join(", ") : "Not supported"}
          </Row>
          {entry.website && (
            <Row term="Website">
              <a
                href={entry.website}
                rel="noreferrer noopener"
                target="_blank"
                className="text-brand-700 underline underline-offset-2 dark:text-brand-100"
              >
                {entry.website}
              </a>
            </Row>
          )}
          <StatusLine entry={entry} />
        </dl>
        {pending && (
          <p className="text-amber-900 dark:text-amber-200">
            A change to it is {pending.state === "proposed" ? "awaiting review" : "announced"}: see the change queue.
          </p>
        )}
        {canPropose && entry.status === "active" && !pending && (
          <div className="flex flex-wrap gap-2">
            <Button size="xs" onClick={() => onProposeChange(entry)}>
              Propose a change<span className="sr-only"> to {entry.name}</span>
            </Button>
            <RetireDialog entry={entry} regionName={regionName} onDone={onDone} focusAfter={focusAfter} />
          </div>
        )}
      </article>
    </li>
  );
}

/** The register's entries, active and announced first; retired ones after, folded away. */
export function RegisterEntries(props: {
  entries: RegisterEntry[];
  changes: RegisterChange[];
  names: RegisterNames;
  canPropose: boolean;
  regionName: string;
  onProposeChange: (entry: RegisterEntry) => void;
  onDone: (words: string) => void;
  focusAfter: () => void;
}) {
  const { entries, changes, ...rest } = props;
  const pendingFor = (id: string) =>
    changes.find((c) => c.subprocessor_id === id && (c.state === "proposed" || c.state === "announced"));
  const current = entries.filter((e) => e.status !== "retired");
  const retired = entries.filter((e) => e.status === "retired");
  const card = (entry: RegisterEntry) => (
    <EntryCard key={entry.id} entry={entry} pending={pendingFor(entry.id)} {...rest} />
  );
  return (
    <div className="space-y-3">
      {current.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">The register has no subprocessor yet.</p>
      ) : (
        <ul className="space-y-3">{current.map(card)}</ul>
      )}
      {retired.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Retired subprocessors ({retired.length})</summary>
          <ul className="mt-3 space-y-3">{retired.map(card)}</ul>
        </details>
      )}
    </div>
  );
}
