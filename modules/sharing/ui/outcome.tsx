import { Ban, BarChart3, CheckCircle2, EyeOff, type LucideIcon } from "lucide-react";
import type { SharingOutcome } from "@/modules/sharing/client";
import type { VersionState } from "@/modules/sharing/domain/model";

/**
 * How each outcome looks everywhere: an icon, words and a colour together, so no one has to
 * tell them apart by colour alone. Deny is muted because it is the default, not news.
 */
export const OUTCOME_META: Record<
  SharingOutcome,
  { label: string; short: string; icon: LucideIcon; className: string }
> = {
  deny: {
    label: "Denied",
    short: "Denied",
    icon: Ban,
    className:
      "border-slate-200 bg-slate-50 text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400",
  },
  allow: {
    label: "Allowed",
    short: "Allowed",
    icon: CheckCircle2,
    className:
      "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  },
  allow_aggregates: {
    label: "Aggregates only",
    short: "Aggregates",
    icon: BarChart3,
    className: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  },
  allow_pseudonymised: {
    label: "Pseudonymised only",
    short: "Pseudonymised",
    icon: EyeOff,
    className:
      "border-violet-300 bg-violet-50 text-violet-900 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100",
  },
};

export function OutcomeLabel({
  outcome,
  isDefault = false,
  compact = false,
}: {
  outcome: SharingOutcome;
  isDefault?: boolean;
  compact?: boolean;
}) {
  const meta = OUTCOME_META[outcome];
  const Icon = meta.icon;
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium ${meta.className}`}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {compact ? meta.short : meta.label}
      {isDefault && <span className="sr-only"> (default: no decision)</span>}
    </span>
  );
}

export const STATE_LABEL: Record<VersionState, string> = {
  draft: "Draft",
  in_review: "In compliance review",
  approved: "Approved, awaiting customer",
  withdrawn: "Withdrawn",
  scheduled: "Accepted, scheduled",
  in_force: "Accepted, in force",
  superseded: "Superseded",
  expired: "Expired",
};

const STATE_CLASS: Partial<Record<VersionState, string>> = {
  draft: "border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-300",
  in_review: "border-amber-400 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  approved: "border-blue-400 bg-blue-50 text-blue-900 dark:border-blue-700 dark:bg-blue-950 dark:text-blue-100",
  in_force:
    "border-emerald-400 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100",
  scheduled: "border-emerald-300 text-emerald-800 dark:border-emerald-800 dark:text-emerald-200",
};

export function StateBadge({ state }: { state: VersionState }) {
  return (
    <span
      className={`inline-flex rounded-full border px-2 py-0.5 text-xs font-medium ${STATE_CLASS[state] ?? "border-slate-200 text-slate-500 dark:border-slate-700"}`}
    >
      {STATE_LABEL[state]}
    </span>
  );
}

export const LEGAL_BASIS_LABEL: Record<string, string> = {
  adequacy: "Adequacy decision",
  sccs: "Standard contractual clauses",
  bcrs: "Binding corporate rules",
  consent: "Consent",
  art49_derogation: "Art. 49 derogation",
};
