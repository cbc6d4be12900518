import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { ImpactEntry, TenantSubprocessors, UpcomingChange } from "@/modules/subprocessors/client";
import { countryWords, diffRows, mechanismWords, type RegisterNames } from "@/modules/subprocessors/ui/register-words";
import { ImpactBadge, ImpactDetails } from "@/modules/subprocessors/ui/tenant-impact";
import { ObjectButton } from "@/modules/subprocessors/ui/tenant-object-dialog";
import { ObjectionBadge, ObjectionResolution, TenantObjections } from "@/modules/subprocessors/ui/tenant-objections";

const CARD = "rounded-lg border border-slate-200 p-4 dark:border-slate-800";
const MUTED = "text-sm text-slate-600 dark:text-slate-400";

function ChangeFields({ change, names }: { change: UpcomingChange; names: RegisterNames }) {
  if (change.kind === "retire") return <p className="text-sm">{change.name} leaves the register.</p>;
  const rows = diffRows(change.diff, names);
  if (rows.length === 0) return <p className={MUTED}>No field changes.</p>;
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" aria-label="What changes">
      {rows.map((row) => (
        <div key={row.field} className="contents">
          <dt className="font-medium text-slate-700 dark:text-slate-300">{row.label}</dt>
          <dd className="min-w-0 break-words">
            {row.kind === "list" ? (
              <>
                {row.added.length > 0 && <span>added: {row.added.join(", ")}</span>}
                {row.added.length > 0 && row.removed.length > 0 && "; "}
                {row.removed.length > 0 && <span>removed: {row.removed.join(", ")}</span>}
              </>
            ) : row.before === null ? (
              row.after
            ) : (
              <>
                {row.before} <span aria-hidden>→</span>
                <span className="sr-only">becomes</span> {row.after ?? "nothing"}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function UpcomingCard({
  change,
  view,
  names,
}: {
  change: UpcomingChange;
  view: TenantSubprocessors;
  names: RegisterNames;
}) {
  const headingId = `change-${change.change_id}`;
  return (
    <article className={CARD} aria-labelledby={headingId} data-testid="upcoming-change" data-change={change.change_id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="text-base font-semibold">
            {change.name}
          </h3>
          <p className={MUTED}>
            {change.kind_label}, takes effect <Time iso={change.effective_at} />
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ImpactBadge impact={change.impact} />
          {change.objection && <ObjectionBadge objection={change.objection} />}
        </div>
      </div>
      <div className="mt-3 space-y-3">
        <ChangeFields change={change} names={names} />
        <section aria-label={`Your data and ${change.name}`}>
          <ImpactDetails impact={change.impact} name={change.name} />
        </section>
        {change.objection && (
          <div className="text-sm">
            <span className="font-medium">Your objection: </span>
            <ObjectionResolution objection={change.objection} />
          </div>
        )}
        {view.allowed_actions.includes("object") && (
          // Mounted for every admin, so what an objection just did is still said after the refresh hides the button.
          <ObjectButton
            tenant={view.tenant}
            change={change}
            now={view.now}
            objectionDays={view.objection_days}
            canObject={change.allowed_actions.includes("object")}
          />
        )}
      </div>
    </article>
  );
}

function ActiveCard({ entry }: { entry: ImpactEntry }) {
  const headingId = `subprocessor-${entry.id}`;
  return (
    <article
      className={CARD}
      aria-labelledby={headingId}
      data-testid="active-subprocessor"
      data-subprocessor={entry.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="text-base font-semibold">
            {entry.name}
          </h3>
          <p className={MUTED}>
            {entry.legal_entity} · {entry.service}
          </p>
        </div>
        <ImpactBadge impact={entry.impact} />
      </div>
      <p className="mt-2 text-sm">{entry.purpose}</p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">Processes in</dt>
        <dd>{entry.locations.map(countryWords).join(", ")}</dd>
        <dt className="font-medium">Transfer mechanism</dt>
        <dd>{mechanismWords(entry.transfer_mechanism, entry.scc_module)}</dd>
        <dt className="font-medium">Active since</dt>
        <dd>
          <Time iso={entry.effective_at} format="date" />
        </dd>
      </dl>
      <section className="mt-3" aria-label={`Your data and ${entry.name}`}>
        <ImpactDetails impact={entry.impact} name={entry.name} />
      </section>
    </article>
  );
}

/**
 * The tenant's Subprocessors section: announced changes first (what would change and when, which
 * of its data classes each touches and whether a decision allows it, and the Object button for
 * customer admins), then the subprocessors in force, then the tenant's objections.
 */
export function TenantSubprocessorsView({ view }: { view: TenantSubprocessors }) {
  const names: RegisterNames = {
    dataClasses: new Map(view.data_classes.map((c) => [c.key, c.name])),
    regions: new Map(),
  };
  const flagged = [...view.changes, ...view.subprocessors].filter((x) => x.impact.flagged).length;
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4 sm:p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Subprocessors</h1>
        <p className={MUTED}>
          The third parties that process data for {view.region}, and which of {view.tenant.name}&apos;s data classes
          each touches: the classes the register lists that you hold, what your lineage sends to its datasets, and what
          your sharing decisions name. Judged against your decisions in force now, or at an announced change&apos;s
          effective date.
        </p>
        {flagged > 0 ? (
          <p className="text-sm font-medium text-red-700 dark:text-red-300" data-testid="flagged-summary">
            {flagged === 1 ? "1 subprocessor would receive" : `${flagged} subprocessors would receive`} data no decision
            of yours allows.
          </p>
        ) : (
          <p className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="flagged-summary">
            Every subprocessor that touches your data is allowed by your decisions.
          </p>
        )}
      </header>

      <section aria-labelledby="upcoming-heading" className="space-y-3">
        <h2 id="upcoming-heading" className="text-lg font-semibold">
          Upcoming changes <Badge tone="info">{view.changes.length}</Badge>
        </h2>
        {view.changes.length === 0 ? (
          <p className={MUTED}>No change to the register is announced.</p>
        ) : (
          view.changes.map((c) => <UpcomingCard key={c.change_id} change={c} view={view} names={names} />)
        )}
      </section>

      <section aria-labelledby="active-heading" className="space-y-3">
        <h2 id="active-heading" className="text-lg font-semibold">
          Active subprocessors <Badge tone="neutral">{view.subprocessors.length}</Badge>
        </h2>
        {view.subprocessors.length === 0 ? (
          <p className={MUTED}>The register has no active subprocessor.</p>
        ) : (
          view.subprocessors.map((s) => <ActiveCard key={s.id} entry={s} />)
        )}
      </section>

      <section aria-labelledby="objections-heading" className="space-y-3">
        <h2 id="objections-heading" className="text-lg font-semibold">
          Objections
        </h2>
        <TenantObjections objections={view.objections} />
      </section>
    </div>
  );
}
