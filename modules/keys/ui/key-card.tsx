"use client";

import { useRef, type ReactNode } from "react";
import { KeyControls } from "@/modules/keys/ui/key-controls";
import { rotationPeriodLabel } from "@/modules/keys/ui/key-format";
import { custodyLabel, custodyShortfall } from "@/modules/keys/domain/custody";
import { KeyStateBanner } from "@/modules/keys/ui/key-state";
import { ReceiptsPanel } from "@/modules/keys/ui/receipts-panel";
import { RotationProgress } from "@/modules/keys/ui/rotation-progress";
import { useKeyActions } from "@/modules/keys/ui/use-key-actions";
import type { KeySummary } from "@/modules/keys/client";
import type { TierName } from "@/platform/region/tier";
import { humanize } from "@/platform/format";
import { Time } from "@/components/ui/time";

interface Props {
  tenant: string;
  region: string;
  keyView: KeySummary;
  /** The tenant's tier: a key not held where it promises (a sovereign tenant's outside the national HSM) says so. */
  tier: TierName;
  canManage: boolean;
  announce: (message: string) => void;
}

const VERSION_TONE: Record<string, string> = {
  active: "bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-200",
  retired: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  destroyed: "bg-slate-300 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
};

function Detail({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="mt-0.5" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** One customer master key: its state, facts, versions, rotation, controls and receipts. */
export function KeyCard({ tenant, region, keyView, tier, canManage, announce }: Props) {
  const stateRef = useRef<HTMLDivElement>(null);
  const actions = useKeyActions(tenant, keyView.id, announce);
  const headingId = `key-${keyView.id}`;
  const stoppedRotating = keyView.state !== "enabled";
  const shortfall = custodyShortfall(keyView.custody, keyView.provider, tier);
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid="key-card"
      data-key={keyView.id}
    >
      <h2 id={headingId} className="text-lg font-semibold">
        {humanize(keyView.alias)} key <span className="font-mono text-sm font-normal text-slate-500">{keyView.id}</span>
      </h2>
      <KeyStateBanner keyView={keyView} focusRef={stateRef} />
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <Detail term="Held in" testId="key-held-in">
          {custodyLabel(keyView.custody, keyView.provider)}
          {shortfall && (
            <span
              className="mt-1 block text-xs font-medium text-amber-900 dark:text-amber-200"
              data-testid="custody-shortfall"
            >
              {shortfall}
            </span>
          )}
        </Detail>
        <Detail term="Key reference">
          <code className="break-all font-mono text-xs">{keyView.key_ref}</code>
        </Detail>
        <Detail term="Current version" testId="current-version">
          Version {keyView.current_version}
        </Detail>
        <Detail term="Automatic rotation">Every {rotationPeriodLabel(keyView.rotation_period_days)}</Detail>
        <Detail term="Last rotation">
          <Time iso={keyView.last_rotated_at} />
        </Detail>
        <Detail term="Next rotation">
          <Time iso={keyView.next_rotation_at} format="date" />
          {stoppedRotating && <span className="block text-xs text-slate-500">Only while the key is enabled.</span>}
        </Detail>
      </dl>
      <div>
        <h3 className="mb-2 font-semibold">Versions</h3>
        <ul className="flex flex-wrap gap-2" data-testid="key-versions">
          {keyView.versions.map((v) => (
            <li
              key={v.version}
              data-version={v.version}
              data-state={v.state}
              className={`rounded-md px-2 py-1 text-sm ${VERSION_TONE[v.state] ?? VERSION_TONE.retired}`}
            >
              <span className="font-semibold">Version {v.version}</span>: {v.state}
              {v.version === keyView.current_version ? " (current)" : ""}
              <span className="block text-xs">
                created <Time iso={v.created_at} format="date" />
                {v.retired_at ? (
                  <>
                    , retired <Time iso={v.retired_at} format="date" />
                  </>
                ) : (
                  ""
                )}
              </span>
            </li>
          ))}
        </ul>
      </div>
      {keyView.rotation && <RotationProgress rotation={keyView.rotation} />}
      {canManage ? (
        <KeyControls
          tenant={tenant}
          region={region}
          keyView={keyView}
          actions={actions}
          focusState={() => stateRef.current?.focus()}
        />
      ) : (
        <p
          className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 dark:bg-slate-950 dark:text-slate-300"
          data-testid="read-only"
        >
          You can see this key&apos;s state and history. Only the tenant&apos;s customer admins can rotate, disable,
          enable or delete it.
        </p>
      )}
      <ReceiptsPanel tenant={tenant} keyView={keyView} />
    </section>
  );
}
