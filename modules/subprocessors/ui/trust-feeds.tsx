import type { ReactNode } from "react";
import type { SnapshotSummary } from "@/modules/subprocessors/api-schemas/public";
import { TrustSection } from "@/modules/subprocessors/ui/trust-section";
import { TRUST_FEEDS } from "@/modules/subprocessors/ui/trust-words";
import { Time } from "@/components/ui/time";

const link = "break-all font-mono text-brand-700 underline underline-offset-2 dark:text-brand-100";

/**
 * How to follow the register: the feeds by their paths (so they read the same on paper), the latest
 * signed snapshot, and the e-mail sign-up (`subscribe`, the only part of the page that needs script).
 */
export function TrustFeeds({ snapshot, subscribe }: { snapshot: SnapshotSummary | null; subscribe: ReactNode }) {
  return (
    <TrustSection
      id="trust-feeds"
      title="Follow the register"
      intro="Machine-readable forms of this page, and an e-mail when a change is announced, takes effect or is withdrawn."
    >
      <ul className="space-y-2 text-sm" data-testid="trust-feeds">
        {TRUST_FEEDS.map((f) => (
          <li key={f.href}>
            <a href={f.href} className={link}>
              {f.href}
            </a>
            <span className="block text-slate-600 dark:text-slate-400">{f.what}</span>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-sm" data-testid="trust-snapshot">
        {snapshot ? (
          <>
            Latest signed snapshot: number {snapshot.seq}, taken <Time iso={snapshot.taken_at} />, SHA-256{" "}
            <code className="font-mono break-all">{snapshot.sha256}</code> (
            <a href={`/api/v1/subprocessors/snapshots/${snapshot.seq}`} className={link}>
              /api/v1/subprocessors/snapshots/{snapshot.seq}
            </a>
            ).
          </>
        ) : (
          "No snapshot is signed yet: the first is taken when a change is announced."
        )}
      </p>
      <div className="mt-4 print:hidden">{subscribe}</div>
    </TrustSection>
  );
}
