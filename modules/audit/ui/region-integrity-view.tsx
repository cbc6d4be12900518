import { CheckCircle2, CircleHelp, KeyRound, ShieldAlert, Unplug, XCircle } from "lucide-react";
import { IntegrityPanel } from "@/modules/audit/ui/integrity-panel";
import { Pill, UtcTime } from "@/modules/audit/ui/status";
import { formatCount } from "@/platform/format";
import type { IntegrityAlertView, PeerLogView, RegionIntegrityView } from "@/modules/audit/server/integrity-panel";

const ALERT_KINDS: Record<string, { label: string; Icon: typeof ShieldAlert }> = {
  self_verification: { label: "Verification of this region’s log failed", Icon: ShieldAlert },
  peer_inconsistent: { label: "Inconsistent checkpoint from a peer (refused)", Icon: XCircle },
  peer_key_changed: { label: "A peer presented a different key (refused)", Icon: KeyRound },
  peer_invalid: { label: "A peer’s checkpoint or cosignature did not verify", Icon: XCircle },
  peer_unreachable: { label: "A peer did not answer", Icon: Unplug },
};

function alertKind(kind: string) {
  return ALERT_KINDS[kind] ?? { label: kind.replace(/_/g, " "), Icon: ShieldAlert };
}

/** "region:me-central-1" → the peer region; "terrane/eu-central-1" → a log. */
function subjectWords(subject: string, own: string): string {
  if (subject.startsWith("region:")) return `Peer ${subject.slice("region:".length)}`;
  if (subject === own) return "This region’s log";
  return subject;
}

function AlertList({ alerts, origin }: { alerts: IntegrityAlertView[]; origin: string }) {
  return (
    <section aria-labelledby="alerts-heading" className="space-y-2">
      <h2 id="alerts-heading" className="text-lg font-semibold">
        Open integrity alerts
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Findings of the last 7 days that are still open, newest first: a failed verification until a later one passes,
        an unreachable or invalid peer until it answers well again; inconsistent checkpoints and changed keys stay
        listed.
      </p>
      {alerts.length === 0 ? (
        <p
          className="flex items-center gap-2 rounded-lg border border-dashed border-slate-300 p-4 text-sm dark:border-slate-700"
          data-testid="no-alerts"
        >
          <CheckCircle2 aria-hidden className="size-4 text-green-700 dark:text-green-400" /> No open alerts.
        </p>
      ) : (
        <div
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-red-200 bg-white dark:border-red-900 dark:bg-slate-900"
        >
          <table className="w-full text-sm" data-testid="alert-table">
            <caption className="sr-only">Open integrity alerts, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Time (UTC)
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Alert
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  About
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Tree size
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Reason
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {alerts.map((a) => {
                const { label, Icon } = alertKind(a.kind);
                return (
                  <tr key={a.id} data-alert={a.kind}>
                    <th scope="row" className="px-3 py-2 text-left align-top font-normal">
                      <UtcTime value={a.at} />
                    </th>
                    <td className="px-3 py-2 align-top">
                      <span className="inline-flex items-start gap-1.5 font-medium text-red-800 dark:text-red-300">
                        <Icon aria-hidden className="mt-0.5 size-4 shrink-0" /> {label}
                      </span>
                      <code className="block text-xs text-slate-500">{a.kind}</code>
                    </td>
                    <td className="px-3 py-2 align-top">{subjectWords(a.subject, origin)}</td>
                    <td className="px-3 py-2 align-top tabular-nums">
                      {a.treeSize ?? "—"}
                      {a.brokenAt !== null && (
                        <div className="text-xs text-red-800 dark:text-red-300">broken at entry {a.brokenAt}</div>
                      )}
                    </td>
                    <td className="max-w-md px-3 py-2 align-top break-words">{a.reason ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PeerLogs({ peers }: { peers: PeerLogView[] }) {
  return (
    <section aria-labelledby="peers-heading" className="space-y-2">
      <h2 id="peers-heading" className="text-lg font-semibold">
        Logs this region witnesses
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        As a witness, this region checks each peer’s new checkpoint against the last one it cosigned before cosigning
        again.
      </p>
      <div
        tabIndex={0}
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <table className="w-full text-sm" data-testid="peer-table">
          <caption className="sr-only">Other regions’ logs witnessed by this region</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Region
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Cosigned size
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Last checked
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {peers.map((p) => (
              <tr key={p.region} data-peer={p.region}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  {p.regionName ?? p.region} <span className="font-mono text-xs text-slate-500">{p.region}</span>
                </th>
                <td className="px-3 py-2 tabular-nums">
                  {p.size === null ? (
                    <Pill tone="neutral" icon={<CircleHelp aria-hidden className="size-3" />}>
                      not witnessed yet
                    </Pill>
                  ) : (
                    formatCount(p.size)
                  )}
                </td>
                <td className="px-3 py-2">
                  <UtcTime value={p.checkedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Region-wide integrity for compliance officers and provider admins. */
export function RegionIntegrityViewer({ view }: { view: RegionIntegrityView }) {
  return (
    <div className="mx-auto max-w-6xl space-y-8 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Log integrity in {view.region}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          The region’s tamper-evident audit log, its witnesses, the last full recomputation by the background verifier,
          and what this region saw of its peers’ logs.
        </p>
      </div>
      <IntegrityPanel panel={view} title="This region’s log" />
      <AlertList alerts={view.alerts} origin={view.origin} />
      <PeerLogs peers={view.peers} />
    </div>
  );
}
