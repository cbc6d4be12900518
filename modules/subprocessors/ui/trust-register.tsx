import type { PublicEntry } from "@/modules/subprocessors/api-schemas/public";
import {
  countryWords,
  dayWords,
  mechanismWords,
  regionWords,
  type RegisterNames,
} from "@/modules/subprocessors/ui/register-words";
import { Fact, TrustSection } from "@/modules/subprocessors/ui/trust-section";
import { dataClassName, keyCustodyWords } from "@/modules/subprocessors/ui/trust-words";
import { Time } from "@/components/ui/time";

const none = <span className="text-slate-600 dark:text-slate-400">None stated</span>;

/** One entry of the register, every stated field in words. */
export function TrustEntry({ entry, names }: { entry: PublicEntry; names: RegisterNames }) {
  return (
    <article
      id={`subprocessor-${entry.id}`}
      aria-labelledby={`subprocessor-${entry.id}-name`}
      className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid="trust-subprocessor"
    >
      <h3 id={`subprocessor-${entry.id}-name`} className="text-base font-semibold">
        {entry.name}
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {entry.legal_entity} · {entry.service}
      </p>
      <p className="mt-2 text-sm">{entry.purpose}</p>
      <dl className="mt-3 space-y-2 text-sm">
        <Fact term="Data classes">{entry.data_classes.map((k) => dataClassName(k, names)).join(", ")}</Fact>
        <Fact term="Processing countries">{entry.locations.map(countryWords).join(", ")}</Fact>
        <Fact term="Storage regions">
          {entry.storage_regions.length ? entry.storage_regions.map((r) => regionWords(r, names)).join(", ") : none}
        </Fact>
        <Fact term="Transfer mechanism">{mechanismWords(entry.transfer_mechanism, entry.scc_module)}</Fact>
        <Fact term="Certifications">{entry.certifications.length ? entry.certifications.join(", ") : none}</Fact>
        <Fact term="Key custody">{keyCustodyWords(entry.key_custody)}</Fact>
        <Fact term="DPA signed">{entry.dpa_date ? dayWords(entry.dpa_date) : none}</Fact>
        <Fact term="Active since">
          <Time iso={entry.effective_at} format="date" />
        </Fact>
        {entry.website && (
          <Fact term="Website">
            <a
              href={entry.website}
              rel="noreferrer"
              className="break-all text-brand-700 underline underline-offset-2 dark:text-brand-100"
            >
              {entry.website}
            </a>
          </Fact>
        )}
      </dl>
    </article>
  );
}

/** The subprocessors in force, by name. */
export function TrustRegister({ entries, names }: { entries: PublicEntry[]; names: RegisterNames }) {
  return (
    <TrustSection
      id="trust-subprocessors"
      title={`Subprocessors (${entries.length})`}
      intro="Every company that processes customers' data for this region, what it does with which data, where, and under which transfer mechanism."
    >
      {entries.length === 0 ? (
        <p className="text-sm">This region uses no subprocessors.</p>
      ) : (
        <div className="space-y-4" data-testid="trust-subprocessors">
          {entries.map((e) => (
            <TrustEntry key={e.id} entry={e} names={names} />
          ))}
        </div>
      )}
    </TrustSection>
  );
}
