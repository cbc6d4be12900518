"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { KeyCard } from "@/modules/keys/ui/key-card";
import { DrillKeyNote } from "@/modules/keys/ui/drill-key-note";
import { isDrillKey } from "@/modules/keys/domain/aliases";
import { rotationRunning } from "@/modules/keys/ui/key-format";
import { KeyTimeline } from "@/modules/keys/ui/key-timeline";
import { ProtectedDataPanel } from "@/modules/keys/ui/protected-data-panel";
import {
  keysApi,
  keysQueryKeys,
  type KeySummary,
  type Readable,
  type TenantContactView,
  type TenantKeyList,
} from "@/modules/keys/client";

interface Props {
  tenant: string;
  region: string;
  /** What the policy lets the caller do on the keys (the list's `allowed_actions`). */
  allowedActions: TenantKeyList["allowed_actions"];
  tier: TenantKeyList["tier"];
  keys: KeySummary[];
  /** Null when the caller's role does not include the contact people (auditors). */
  contacts: Readable<TenantContactView[]> | null;
}

/**
 * The live part of the keys page. The key list is server-rendered, then kept fresh by TanStack
 * Query: every second while a rotation runs (so its progress moves), otherwise on focus.
 */
export function KeysLive({ tenant, region, allowedActions, tier, keys, contacts }: Props) {
  const [message, setMessage] = useState("");
  const { data, error } = useQuery({
    queryKey: keysQueryKeys.list(tenant),
    queryFn: () => keysApi.list(tenant),
    initialData: { tenant, tier, keys, allowed_actions: allowedActions },
    refetchInterval: (query) => (query.state.data?.keys.some((k) => rotationRunning(k.rotation)) ? 1_000 : false),
  });
  // The controls follow the policy's latest answer (a role changed meanwhile shows on the next refresh).
  const canManage = data.allowed_actions.includes("keys.manage");
  const customerKeys = data.keys.filter((k) => !isDrillKey(k));
  const drillKeys = data.keys.filter(isDrillKey);
  // Re-announce the same words too: clear first, so the live region sees a change.
  const announce = useCallback((text: string) => {
    setMessage("");
    setTimeout(() => setMessage(text), 50);
  }, []);

  return (
    <div className="space-y-6">
      <p
        role="status"
        aria-live="polite"
        className={
          message
            ? "rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-700 dark:border-brand-700 dark:bg-slate-900 dark:text-brand-100"
            : "sr-only"
        }
        data-testid="keys-announcer"
      >
        {message}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          The latest state of the keys could not be loaded: {error.message}. What is shown may be out of date.
        </p>
      )}
      {customerKeys.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">This tenant has no keys yet.</p>
      ) : (
        customerKeys.map((k) => (
          <KeyCard
            key={k.id}
            tenant={tenant}
            region={region}
            keyView={k}
            tier={data.tier}
            canManage={canManage}
            announce={announce}
          />
        ))
      )}
      {drillKeys.map((k) => (
        <DrillKeyNote key={k.id} tenant={tenant} keyView={k} />
      ))}
      {contacts && <ProtectedDataPanel tenant={tenant} initial={contacts} />}
      {data.keys.length > 0 && <KeyTimeline tenant={tenant} keys={data.keys} />}
    </div>
  );
}
