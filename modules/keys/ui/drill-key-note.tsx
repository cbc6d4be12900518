import Link from "next/link";
import { stateWords } from "@/modules/keys/ui/key-format";
import { custodyPhrase } from "@/modules/keys/domain/custody";
import type { KeySummary } from "@/modules/keys/client";

/**
 * A tenant's drill key, shown apart from its customer master key: it encrypts none of the
 * customer's data and only residency drills disable and re-enable it, so it has no controls here
 * (disabling it by mistake must not be one click away from the real kill switch).
 */
export function DrillKeyNote({ tenant, keyView }: { tenant: string; keyView: KeySummary }) {
  const { title } = stateWords(keyView);
  return (
    <section
      aria-labelledby={`drill-key-${keyView.id}`}
      className="rounded-lg border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700"
      data-testid="drill-key"
      data-state={keyView.state}
    >
      <h2 id={`drill-key-${keyView.id}`} className="font-semibold">
        Drill key <span className="font-mono text-xs font-normal text-slate-500">{keyView.id}</span>
      </h2>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        {title}. Held in {custodyPhrase(keyView.custody, keyView.provider)}, version {keyView.current_version}. It
        encrypts none of your data: residency drills disable and re-enable it to measure how fast a revocation reaches
        every instance. See{" "}
        <Link href={`/t/${tenant}/governance/drills`} className="text-brand-700 underline dark:text-brand-100">
          Governance › Drills
        </Link>
        .
      </p>
    </section>
  );
}
