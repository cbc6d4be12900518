import { CheckCircle2, CircleHelp, ShieldAlert, ShieldCheck } from "lucide-react";
import { CopyButton } from "@/modules/audit/ui/copy-button";
import { Pill, UtcTime } from "@/modules/audit/ui/status";
import { formatCount } from "@/platform/format";
import type { IntegrityPanelView, VerificationView } from "@/modules/audit/server/integrity-panel";

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 font-semibold tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The last full recomputation of the log, in words: green and "verified", or red and where it broke. */
export function VerificationStatus({
  verification,
  treeSize,
}: {
  verification: VerificationView | null;
  treeSize: number;
}) {
  if (!verification) {
    return (
      <div
        className="flex items-start gap-2 rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-800/60"
        data-testid="verification-status"
        data-state="none"
      >
        <CircleHelp aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
        <p>
          <strong>Not verified yet.</strong> The background verifier has not finished a full recomputation of this log
          yet.
        </p>
      </div>
    );
  }
  if (verification.ok) {
    return (
      <div
        className="flex items-start gap-2 rounded-md bg-green-50 p-3 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
        data-testid="verification-status"
        data-state="ok"
      >
        <ShieldCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>
          {verification.treeSize === 0 ? (
            <>
              <strong>Verified</strong> at <UtcTime value={verification.at} />, when the log was still empty.
            </>
          ) : (
            <>
              <strong>Verified</strong> {verification.treeSize ?? "all"}{" "}
              {verification.treeSize === 1 ? "entry" : "entries"} at <UtcTime value={verification.at} />: every stored
              entry matches the signed tree.
            </>
          )}
          {verification.treeSize !== null && verification.treeSize < treeSize
            ? ` Entries added since are checked on the next run.`
            : ""}
        </p>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      data-testid="verification-status"
      data-state="broken"
    >
      <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>
        <strong>Integrity broken{verification.brokenAt !== null ? ` at entry ${verification.brokenAt}` : ""}</strong>
        {verification.reason ? `: ${verification.reason}` : ""}. Found at <UtcTime value={verification.at} />. The
        stored log no longer matches what this region signed. It is recorded as an alert for the provider’s compliance
        officers; proof files you already hold still verify on their own.
      </p>
    </div>
  );
}

/** Tree size, checkpoint, witnesses, last verification, and how to check a proof offline. */
export function IntegrityPanel({
  panel,
  title = "Log integrity",
  headingLevel = 2,
}: {
  panel: IntegrityPanelView;
  title?: string;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const command = `npx terrane verify <file>.tlog-proof --key ${panel.verifierKey}`;
  return (
    <section
      aria-labelledby="integrity-heading"
      data-testid="integrity-panel"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div>
        <H id="integrity-heading" className="text-lg font-semibold">
          {title}
        </H>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every entry is a leaf of {panel.regionName}’s Merkle tree (
          <code className="font-mono text-xs">{panel.origin}</code>), signed by the region and cosigned by other regions
          as witnesses.
        </p>
      </div>
      <dl className="grid gap-4 sm:grid-cols-2">
        <Fact label="Tree size" testId="tree-size">
          {formatCount(panel.treeSize)} {panel.treeSize === 1 ? "entry" : "entries"}
        </Fact>
        <Fact label="Last signed checkpoint">
          <UtcTime value={panel.lastCheckpointAt} />
        </Fact>
      </dl>
      <VerificationStatus verification={panel.lastVerification} treeSize={panel.treeSize} />
      <div tabIndex={0} className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="witness-table">
          <caption className="pb-1 text-left text-sm font-medium">Witnesses of this log</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Witness
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Last cosigned
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {panel.witnesses.map((w) => (
              <tr key={w.name} data-witness={w.region ?? w.name}>
                <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                  {w.regionName ?? w.region ?? w.name}
                  <div className="font-mono text-xs text-slate-500">{w.name}</div>
                </th>
                <td className="py-1.5 pr-3">
                  {w.size === null ? (
                    <Pill tone="neutral" icon={<CircleHelp aria-hidden className="size-3" />}>
                      not yet cosigned
                    </Pill>
                  ) : (
                    <span className="inline-flex flex-wrap items-center gap-1.5">
                      <Pill tone="ok" icon={<CheckCircle2 aria-hidden className="size-3" />}>
                        cosigned
                      </Pill>
                      <span className="tabular-nums">size {formatCount(w.size)}</span>
                      <span className="text-slate-500">
                        at <UtcTime value={w.cosignedAt} />
                      </span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div
        className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
        data-testid="verify-offline"
      >
        <Sub className="font-medium">Verify offline</Sub>
        <ol className="mt-2 list-decimal space-y-2 pl-5 text-slate-700 dark:text-slate-300">
          <li>
            Download an entry’s proof file (“Download proof”). It carries the entry, its inclusion proof and the signed,
            cosigned checkpoint.
          </li>
          <li>
            Check it anywhere, with no connection to this portal:
            <pre
              tabIndex={0}
              className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950"
            >
              {command}
            </pre>
          </li>
          <li>
            <span className="block">The region’s log verifier key:</span>
            <span className="mt-1 flex items-start gap-2">
              <code
                className="min-w-0 flex-1 break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs dark:bg-slate-950"
                data-testid="verifier-key"
              >
                {panel.verifierKey}
              </code>
              <CopyButton text={panel.verifierKey} label="the verifier key" />
            </span>
            <span className="mt-1 block text-slate-500">
              Compare it with the region’s published keys at{" "}
              <a
                href="/.well-known/jwks.json"
                className="font-medium text-brand-700 hover:underline dark:text-brand-100"
              >
                /.well-known/jwks.json
              </a>{" "}
              (<code className="font-mono text-xs">terrane_verifier_key</code>), obtained on another channel than this
              page, or pass that JWKS file to <code className="font-mono text-xs">--key</code>. The current checkpoint
              is at{" "}
              <a
                href="/api/v1/audit/checkpoint"
                className="font-medium text-brand-700 hover:underline dark:text-brand-100"
              >
                /api/v1/audit/checkpoint
              </a>
              .
            </span>
          </li>
        </ol>
      </div>
    </section>
  );
}
