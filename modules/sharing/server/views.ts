import "server-only";
import type { DecisionAction } from "@/modules/sharing/domain/steps";
import type { DataClassView } from "@/modules/sharing/server/data-classes";
import {
  contentOf,
  inForceAt,
  openVersion,
  stateOf,
  type LoadedDecision,
  type VersionRow,
} from "@/modules/sharing/server/store";
import { destinationLabel, type Destination } from "@/modules/sharing/domain/destination";
import { decisionContentDigest } from "@/modules/sharing/domain/content-digest";
import { diffContent, type VersionDiff } from "@/modules/sharing/domain/diff";
import type { LegalBasis, SharingOutcome, StoredStatus, VersionState } from "@/modules/sharing/domain/model";

/** The JSON shapes of the decision APIs (snake_case, ISO dates), built from loaded rows. */

export interface VersionView {
  id: string;
  version: number;
  state: VersionState;
  status: StoredStatus;
  outcome: SharingOutcome;
  legal_basis: LegalBasis | null;
  tia_ref: string | null;
  dpa_clause: string | null;
  effective_from: string;
  effective_to: string | null;
  notes: string;
  /** SHA-256 of the data class, destination and this content (RFC 8785 JSON): what a step may pin. */
  content_digest: string;
  /** For accepted versions: when it is (or was, or will be) actually in force. */
  in_force_from: string | null;
  in_force_until: string | null;
  author_id: string;
  submitted_at: string | null;
  reviewed_by_id: string | null;
  reviewed_at: string | null;
  accepted_by_id: string | null;
  accepted_at: string | null;
  withdrawn_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DestinationView extends Destination {
  key: string;
  label: string;
}

export interface DecisionSummary {
  id: string;
  data_class: { key: string; name: string | null; sensitivity: DataClassView["sensitivity"] | null };
  destination: DestinationView;
  /** What applies now: the in-force version's outcome, or the default deny. */
  effective_outcome: SharingOutcome;
  in_force: VersionView | null;
  /** The version in the workflow (draft, in review, approved), if any. */
  pending: VersionView | null;
  version_count: number;
  created_at: string;
}

export interface EventView {
  at: string;
  type: string;
  actor: { id: string; name: string | null; role: string };
  reason: string | null;
}

export interface DecisionDetail extends DecisionSummary {
  /** Newest first, each with its diff from the version before and its workflow steps. */
  versions: (VersionView & { diff: VersionDiff; events: EventView[] })[];
  /**
   * What the caller may do with the decision now: the workflow steps the version in the
   * workflow allows (its state) and the policy allows the caller (role, four eyes), `edit` for
   * a draft and `propose` when no version is in the workflow. The UI offers these and only these.
   */
  allowed_actions: DecisionAction[];
  /**
   * The caller reviews this tenant's decisions but wrote or edited the version in review, so
   * the policy refuses them its review (four eyes): why approve and send back are not theirs.
   */
  four_eyes: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function versionView(d: LoadedDecision, v: VersionRow, at: Date): VersionView {
  const window = d.windows.get(v.id) ?? null;
  return {
    id: v.id,
    version: v.version,
    state: stateOf(d, v, at),
    status: v.status,
    outcome: v.outcome,
    legal_basis: v.legalBasis,
    tia_ref: v.tiaRef,
    dpa_clause: v.dpaClause,
    effective_from: v.effectiveFrom.toISOString(),
    effective_to: iso(v.effectiveTo),
    notes: v.notes,
    content_digest: decisionContentDigest(d, contentOf(v)),
    in_force_from: iso(window?.from ?? null),
    in_force_until: iso(window?.until ?? null),
    author_id: v.authorId,
    submitted_at: iso(v.submittedAt),
    reviewed_by_id: v.reviewedById,
    reviewed_at: iso(v.reviewedAt),
    accepted_by_id: v.acceptedById,
    accepted_at: iso(v.acceptedAt),
    withdrawn_at: iso(v.withdrawnAt),
    created_at: v.createdAt.toISOString(),
    updated_at: v.updatedAt.toISOString(),
  };
}

export function destinationView(d: LoadedDecision): DestinationView {
  return { ...d.destination, key: d.destinationKey, label: destinationLabel(d.destination) };
}

export function decisionSummary(d: LoadedDecision, classes: Map<string, DataClassView>, at: Date): DecisionSummary {
  const current = inForceAt(d, at);
  const pending = openVersion(d);
  const cls = classes.get(d.dataClassKey);
  return {
    id: d.id,
    data_class: { key: d.dataClassKey, name: cls?.name ?? null, sensitivity: cls?.sensitivity ?? null },
    destination: destinationView(d),
    effective_outcome: current?.outcome ?? "deny",
    in_force: current ? versionView(d, current, at) : null,
    pending: pending ? versionView(d, pending, at) : null,
    version_count: d.versions.length,
    created_at: d.createdAt.toISOString(),
  };
}

export function decisionDetail(
  d: LoadedDecision,
  classes: Map<string, DataClassView>,
  events: Map<string, EventView[]>,
  at: Date,
): Omit<DecisionDetail, "allowed_actions" | "four_eyes"> {
  const versions = d.versions.map((v, i) => ({
    ...versionView(d, v, at),
    diff: diffContent(i > 0 ? contentOf(d.versions[i - 1]!) : null, contentOf(v)),
    events: events.get(v.id) ?? [],
  }));
  return { ...decisionSummary(d, classes, at), versions: versions.reverse() };
}
