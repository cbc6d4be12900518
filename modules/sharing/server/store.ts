import "server-only";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Tx } from "@/platform/db/transaction";
import type { Destination } from "@/modules/sharing/domain/destination";
import { OPEN_STATUSES, type DecisionContent, type StoredStatus } from "@/modules/sharing/domain/model";
import { forceWindows, versionState, type ForceWindow } from "@/modules/sharing/domain/windows";

/** Reading a tenant's sharing decisions with every version, and deriving what is in force. */

export const versionSelect = {
  id: true,
  decisionId: true,
  version: true,
  status: true,
  outcome: true,
  legalBasis: true,
  tiaRef: true,
  dpaClause: true,
  effectiveFrom: true,
  effectiveTo: true,
  notes: true,
  authorId: true,
  submittedAt: true,
  reviewedById: true,
  reviewedAt: true,
  acceptedById: true,
  acceptedAt: true,
  withdrawnAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

const decisionSelect = {
  id: true,
  dataClassKey: true,
  destinationKind: true,
  destinationId: true,
  destinationLocation: true,
  destinationKey: true,
  createdById: true,
  createdAt: true,
} as const;

export interface VersionRow {
  id: string;
  decisionId: string;
  version: number;
  status: StoredStatus;
  outcome: DecisionContent["outcome"];
  legalBasis: DecisionContent["legalBasis"];
  tiaRef: string | null;
  dpaClause: string | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  notes: string;
  authorId: string;
  submittedAt: Date | null;
  reviewedById: string | null;
  reviewedAt: Date | null;
  acceptedById: string | null;
  acceptedAt: Date | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface LoadedDecision {
  id: string;
  dataClassKey: string;
  destination: Destination;
  destinationKey: string;
  createdById: string;
  createdAt: Date;
  /** Oldest first. */
  versions: VersionRow[];
  /** The window in force of each accepted version (null: overtaken before it started). */
  windows: Map<string, ForceWindow | null>;
}

type Db = PrismaClient | Tx;

/** The tenant's decisions (or one, by id, always together with the tenant), versions oldest first. */
export async function loadDecisions(
  db: Db,
  tenantId: string,
  options: { id?: string; statuses?: StoredStatus[] } = {},
): Promise<LoadedDecision[]> {
  const rows = await db.sharingDecision.findMany({
    where: { tenantId, ...(options.id ? { id: options.id } : {}) },
    orderBy: [{ dataClassKey: "asc" }, { destinationKey: "asc" }],
    select: {
      ...decisionSelect,
      versions: {
        where: options.statuses ? { status: { in: options.statuses } } : {},
        orderBy: { version: "asc" },
        select: versionSelect,
      },
    },
  });
  return rows.map((r) => {
    const accepted = r.versions.flatMap((v) =>
      v.status === "accepted" && v.acceptedAt ? [{ ...v, acceptedAt: v.acceptedAt }] : [],
    );
    return {
      id: r.id,
      dataClassKey: r.dataClassKey,
      destination: { kind: r.destinationKind, id: r.destinationId, location: r.destinationLocation },
      destinationKey: r.destinationKey,
      createdById: r.createdById,
      createdAt: r.createdAt,
      versions: r.versions,
      windows: forceWindows(accepted),
    };
  });
}

export function contentOf(v: VersionRow): DecisionContent {
  return {
    outcome: v.outcome,
    legalBasis: v.legalBasis,
    tiaRef: v.tiaRef,
    dpaClause: v.dpaClause,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    notes: v.notes,
  };
}

export function stateOf(d: LoadedDecision, v: VersionRow, at: Date) {
  return versionState(v.status, d.windows.get(v.id), at);
}

/** The version in force at `at`, if any. */
export function inForceAt(d: LoadedDecision, at: Date): VersionRow | null {
  return d.versions.find((v) => stateOf(d, v, at) === "in_force") ?? null;
}

/** The version still in the workflow (draft, in review or approved), if any. */
export function openVersion(d: LoadedDecision): VersionRow | null {
  return d.versions.find((v) => OPEN_STATUSES.includes(v.status)) ?? null;
}
