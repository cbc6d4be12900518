import { KeysLive } from "@/modules/keys/ui/keys-live";
import { QueryProvider } from "@/components/ui/query-provider";
import type { KeySummary, Readable, TenantContactView, TenantKeyList } from "@/modules/keys/client";

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

/** The tenant's keys page: who holds the keys, their state, and what happened to them. */
export function KeysView(props: Props) {
  return (
    <QueryProvider>
      <div className="mx-auto max-w-6xl space-y-6 p-6">
        <div className="space-y-2">
          <h1 className="text-2xl font-semibold">Keys</h1>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Your tenant&apos;s data in {props.region} is encrypted with data keys wrapped by your customer master key.
            Whoever controls this key controls whether the data can be read: disable it and every decrypt fails closed,
            everywhere in the region, at once.
          </p>
          {!props.allowedActions.includes("keys.manage") && (
            <p className="text-sm font-medium text-slate-700 dark:text-slate-300">
              Read-only: your role lets you see the keys, not change them.
            </p>
          )}
        </div>
        <KeysLive {...props} />
      </div>
    </QueryProvider>
  );
}
