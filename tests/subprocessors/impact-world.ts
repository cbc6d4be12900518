import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { SubprocessorEntry, SubprocessorFields } from "@/modules/subprocessors/domain/model";
import { rowData } from "@/modules/subprocessors/server/rows";
import { destinationKey, type Destination } from "@/modules/sharing/domain/destination";
import { forgetSharingPolicy } from "@/modules/sharing/server/policy";
import { stableId } from "@/prisma/seed/world";

const DAY = 86_400_000;

export const tenantId = (slug: string) => stableId("tenant", slug);

export const fields = (over: Partial<SubprocessorFields> = {}): SubprocessorFields => ({
  name: "Mailgrid",
  legal_entity: "Mailgrid Inc.",
  service: "Transactional e-mail",
  purpose: "Sends notification e-mails to the customer's users.",
  data_classes: ["support_content"],
  locations: ["US"],
  storage_regions: [],
  transfer_mechanism: "sccs",
  scc_module: 2,
  dpa_date: "2026-10-01",
  certifications: [],
  key_custody: [],
  website: null,
  ...over,
});

const idOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** An active register entry, as the lead's apply job leaves one. */
export async function seedActive(
  prisma: PrismaClient,
  over: Partial<SubprocessorFields> = {},
): Promise<SubprocessorEntry> {
  const f = fields(over);
  const entry: SubprocessorEntry = {
    ...f,
    id: idOf(f.name),
    status: "active",
    effective_at: new Date(Date.now() - 100 * DAY).toISOString(),
  };
  await prisma.subprocessor.create({ data: rowData(entry, "eu-central-1") });
  return entry;
}

/**
 * An announced change (a new subprocessor unless `before` is given), `effectiveInDays` from now, as
 * approval leaves it: the change row `announced` and, for a new one, its entry `announced`.
 */
export async function seedAnnounced(
  prisma: PrismaClient,
  options: {
    after?: Partial<SubprocessorFields>;
    before?: SubprocessorEntry;
    state?: string;
    effectiveInDays?: number;
    authorId: string;
  },
): Promise<{ changeId: string; after: SubprocessorEntry }> {
  const f = fields({ ...(options.before ?? {}), ...options.after });
  const effectiveAt = new Date(Date.now() + (options.effectiveInDays ?? 30) * DAY);
  const state = options.state ?? "announced";
  const after: SubprocessorEntry = {
    ...f,
    id: options.before?.id ?? idOf(f.name),
    status: "active",
    effective_at: effectiveAt.toISOString(),
  };
  if (!options.before && state === "announced")
    await prisma.subprocessor.create({ data: rowData({ ...after, status: "announced" }, "eu-central-1") });
  const changeId = randomUUID();
  await prisma.subprocessorChange.create({
    data: {
      id: changeId,
      region: "eu-central-1",
      subprocessorId: after.id,
      kind: options.before ? "change" : "add",
      state,
      before: options.before ? { ...options.before } : undefined,
      after: { ...after },
      authorId: options.authorId,
      noticeDays: 30,
      effectiveAt: state === "proposed" ? null : effectiveAt,
      reviewedAt: state === "proposed" ? null : new Date(),
    },
  });
  return { changeId, after };
}

/** A flow in the tenant's lineage from a dataset in its home region to one a subprocessor holds. */
export async function seedFlowTo(
  prisma: PrismaClient,
  tenant: string,
  subprocessor: string | null,
  dataClasses: string[],
  name = `to-${randomUUID().slice(0, 8)}`,
): Promise<void> {
  const now = new Date();
  const dataset = (n: string, region: string | null, sp: string | null) =>
    prisma.lineageDataset.create({
      data: {
        tenantId: tenantId(tenant),
        namespace: "postgres://db.internal:5432",
        name: n,
        region,
        regionSource: "facet",
        subprocessor: sp,
        dataClasses,
        firstSeenAt: now,
        lastSeenAt: now,
      },
    });
  const source = await dataset(`${name}-source`, "eu-central-1", null);
  const target = await dataset(`${name}-target`, subprocessor ? "us-east-1" : "eu-central-1", subprocessor);
  await prisma.lineageEdge.create({
    data: {
      tenantId: tenantId(tenant),
      kind: "flow",
      sourceId: source.id,
      targetId: target.id,
      count: 3,
      firstSeenAt: now,
      lastSeenAt: now,
      crossing: subprocessor ? "subprocessor" : null,
      outcome: subprocessor ? "violation" : "in_region",
      dataClasses,
    },
  });
}

/** An accepted decision in force since yesterday, as the four-eyes workflow leaves one. */
export async function seedDecision(
  prisma: PrismaClient,
  tenant: string,
  dataClass: string,
  destination: Destination,
  people: { author: string; reviewer: string; acceptor: string },
  outcome: "allow" | "deny" = "allow",
): Promise<string> {
  const id = randomUUID();
  const yesterday = new Date(Date.now() - DAY);
  await prisma.$transaction(async (tx) => {
    await tx.sharingDecision.create({
      data: {
        id,
        tenantId: tenantId(tenant),
        dataClassKey: dataClass,
        destinationKind: destination.kind,
        destinationId: destination.id,
        destinationLocation: destination.location,
        destinationKey: destinationKey(destination),
        createdById: people.author,
      },
    });
    await tx.sharingDecisionVersion.create({
      data: {
        decisionId: id,
        tenantId: tenantId(tenant),
        version: 1,
        status: "accepted",
        outcome,
        legalBasis: outcome === "allow" ? "sccs" : null,
        dpaClause: "DPA §9",
        effectiveFrom: yesterday,
        notes: "",
        authorId: people.author,
        submittedAt: yesterday,
        reviewedById: people.reviewer,
        reviewedAt: yesterday,
        acceptedById: people.acceptor,
        acceptedAt: yesterday,
      },
    });
    await tx.$executeRaw`INSERT INTO sharing_policy_revisions (tenant_id, revision) VALUES (${tenantId(tenant)}, 1)
      ON CONFLICT (tenant_id) DO UPDATE SET revision = sharing_policy_revisions.revision + 1, updated_at = now()`;
  });
  forgetSharingPolicy(tenantId(tenant));
  return id;
}
