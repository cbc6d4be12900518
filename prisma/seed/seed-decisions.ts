import { appendAudit } from "@/modules/audit/server/append";
import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import { destinationKey, type Destination } from "@/modules/sharing/domain/destination";
import type { LegalBasis, SharingOutcome } from "@/modules/sharing/domain/model";
import { stableId } from "./world";

const DAY_MS = 86_400_000;

type Who = "compliance" | "compliance2" | "admin";
type Stage = "draft" | "in_review" | "accepted";

interface SeedVersion {
  outcome: SharingOutcome;
  legalBasis?: LegalBasis;
  tiaRef?: string;
  dpaClause?: string;
  /** Days from now (negative: in the past). */
  effectiveFrom: number;
  effectiveTo?: number;
  notes?: string;
  author: Who;
  stage: Stage;
  /** Days ago the version was written; each later step follows a day apart. */
  writtenDaysAgo: number;
}

interface SeedDecision {
  dataClass: string;
  destination: Destination;
  versions: SeedVersion[];
}

const region = (id: string): Destination => ({ kind: "region", id, location: id });

/**
 * The DPA of each demo tenant: decisions in force (one with two versions, so the diff shows),
 * an explicit deny, one waiting for compliance review and one draft. Keys are the catalogue's.
 */
const PLANS: Record<string, SeedDecision[]> = {
  "northwind-eu": [
    {
      dataClass: "pseudonymised_analytics",
      destination: region("me-central-1"),
      versions: [
        {
          outcome: "allow_aggregates",
          legalBasis: "sccs",
          tiaRef: "TIA-NW-2025-07",
          dpaClause: "DPA Annex III §2",
          effectiveFrom: -200,
          author: "compliance",
          stage: "accepted",
          writtenDaysAgo: 210,
          notes: "Route statistics for the GCC planning team.",
        },
        {
          outcome: "allow_pseudonymised",
          legalBasis: "sccs",
          tiaRef: "TIA-NW-2026-03",
          dpaClause: "DPA Annex III §2.1",
          effectiveFrom: -60,
          author: "compliance",
          stage: "accepted",
          writtenDaysAgo: 70,
          notes:
            "Route-optimisation models are trained in the GCC tenant on pseudonymised shipment analytics; the re-identification key stays in eu-central-1.",
        },
      ],
    },
    {
      dataClass: "aggregated_metrics",
      destination: { kind: "subprocessor", id: "Snowflake Analytics (us-east-1)", location: "us-east-1" },
      versions: [
        {
          outcome: "allow_aggregates",
          legalBasis: "sccs",
          tiaRef: "TIA-NW-2026-05",
          dpaClause: "DPA §9, Annex IV (subprocessors)",
          effectiveFrom: -30,
          author: "admin",
          stage: "accepted",
          writtenDaysAgo: 40,
          notes: "Fleet KPIs for the board dashboard; no record-level data.",
        },
      ],
    },
    {
      dataClass: "customer_pii",
      destination: region("us-east-1"),
      versions: [
        {
          outcome: "deny",
          dpaClause: "DPA §4.3",
          effectiveFrom: -120,
          author: "compliance",
          stage: "accepted",
          writtenDaysAgo: 130,
          notes:
            "No transfer of customer personal data to the United States. The disaster-recovery replica in us-east-1 must not hold it.",
        },
      ],
    },
    {
      dataClass: "business_records",
      destination: region("af-south-1"),
      versions: [
        {
          outcome: "allow",
          legalBasis: "sccs",
          tiaRef: "TIA-NW-2026-11",
          dpaClause: "DPA Annex III §5",
          effectiveFrom: 14,
          author: "compliance",
          stage: "in_review",
          writtenDaysAgo: 3,
          notes: "Shipment records for the South African hub's customs filings.",
        },
      ],
    },
    {
      dataClass: "support_content",
      destination: { kind: "partner", id: "Atlas Freight Forwarding Ltd", location: "GB" },
      versions: [
        {
          outcome: "allow_pseudonymised",
          legalBasis: "adequacy",
          dpaClause: "DPA Annex V",
          effectiveFrom: 30,
          author: "admin",
          stage: "draft",
          writtenDaysAgo: 1,
          notes: "Claims handling with the UK forwarding partner (UK adequacy decision).",
        },
      ],
    },
  ],
  "kestrel-eu": [
    {
      dataClass: "health_data",
      destination: region("us-east-1"),
      versions: [
        {
          outcome: "deny",
          dpaClause: "DPA §3.1",
          effectiveFrom: -300,
          author: "compliance",
          stage: "accepted",
          writtenDaysAgo: 310,
          notes: "Health data stays in the EU.",
        },
      ],
    },
    {
      dataClass: "aggregated_metrics",
      destination: region("us-east-1"),
      versions: [
        {
          outcome: "allow",
          legalBasis: "adequacy",
          dpaClause: "DPA Annex II",
          effectiveFrom: -90,
          author: "admin",
          stage: "accepted",
          writtenDaysAgo: 100,
          notes: "EU–US Data Privacy Framework; usage statistics only.",
        },
      ],
    },
  ],
  "northwind-gcc": [
    {
      dataClass: "aggregated_metrics",
      destination: region("eu-central-1"),
      versions: [
        {
          outcome: "allow_aggregates",
          legalBasis: "sccs",
          tiaRef: "TIA-NWG-2026-01",
          dpaClause: "DPA Annex III",
          effectiveFrom: -45,
          author: "compliance",
          stage: "accepted",
          writtenDaysAgo: 50,
        },
      ],
    },
  ],
  "northwind-za": [
    {
      dataClass: "business_records",
      destination: region("eu-central-1"),
      versions: [
        {
          outcome: "allow",
          legalBasis: "sccs",
          tiaRef: "TIA-NWZ-2026-02",
          dpaClause: "DPA Annex III",
          effectiveFrom: -20,
          author: "compliance",
          stage: "accepted",
          writtenDaysAgo: 25,
        },
      ],
    },
  ],
};

interface People {
  compliance: string;
  compliance2: string;
  admin: string;
}

async function seedOne(
  prisma: PrismaClient,
  tenant: { id: string; slug: string },
  plan: SeedDecision,
  people: People,
  now: number,
): Promise<void> {
  const decisionId = stableId("decision", tenant.slug, plan.dataClass, destinationKey(plan.destination));
  const first = plan.versions[0]!;
  await prisma.$transaction(async (tx) => {
    await tx.sharingDecision.create({
      data: {
        id: decisionId,
        tenantId: tenant.id,
        dataClassKey: plan.dataClass,
        destinationKind: plan.destination.kind,
        destinationId: plan.destination.id,
        destinationLocation: plan.destination.location,
        destinationKey: destinationKey(plan.destination),
        createdById: people[first.author],
        createdAt: new Date(now - first.writtenDaysAgo * DAY_MS),
      },
    });
    for (const [i, v] of plan.versions.entries()) {
      const day = (n: number) => new Date(now - (v.writtenDaysAgo - n) * DAY_MS);
      // The author is never the reviewer: a customer admin's draft goes to the first officer, an officer's to the second.
      const reviewer = v.author === "compliance" ? people.compliance2 : people.compliance;
      const versionId = stableId("decision-version", decisionId, String(i + 1));
      const reached = { draft: 0, in_review: 1, accepted: 3 }[v.stage];
      await tx.sharingDecisionVersion.create({
        data: {
          id: versionId,
          decisionId,
          tenantId: tenant.id,
          version: i + 1,
          status: v.stage,
          outcome: v.outcome,
          legalBasis: v.legalBasis ?? null,
          tiaRef: v.tiaRef ?? null,
          dpaClause: v.dpaClause ?? null,
          effectiveFrom: new Date(now + v.effectiveFrom * DAY_MS),
          effectiveTo: v.effectiveTo === undefined ? null : new Date(now + v.effectiveTo * DAY_MS),
          notes: v.notes ?? "",
          authorId: people[v.author],
          submittedAt: reached >= 1 ? day(1) : null,
          reviewedById: reached >= 2 ? reviewer : null,
          reviewedAt: reached >= 2 ? day(2) : null,
          acceptedById: reached >= 3 ? people.admin : null,
          acceptedAt: reached >= 3 ? day(3) : null,
          createdAt: day(0),
          updatedAt: day(reached),
        },
      });
      const steps: [string, string, string][] = [
        [
          i === 0 ? "created" : "version_created",
          people[v.author],
          v.author === "admin" ? "customer_admin" : "compliance_officer",
        ],
        ["submitted", people[v.author], v.author === "admin" ? "customer_admin" : "compliance_officer"],
        ["approved", reviewer, "compliance_officer"],
        ["accepted", people.admin, "customer_admin"],
      ];
      for (const [n, [type, actorId, actorRole]] of steps.slice(0, reached + 1).entries()) {
        await tx.sharingDecisionEvent.create({
          data: { versionId, decisionId, tenantId: tenant.id, at: day(n), type, actorId, actorRole },
        });
      }
    }
    await appendAudit(tx, {
      actor: { type: "system", name: "demo-seed" },
      tenantId: tenant.id,
      action: "sharing_decision.seeded",
      subject: `sharing_decision:${decisionId}`,
      outcome: "success",
      details: {
        data_class: plan.dataClass,
        destination: destinationKey(plan.destination),
        versions: plan.versions.length,
      },
    });
    await tx.$executeRaw`INSERT INTO sharing_policy_revisions (tenant_id, revision) VALUES (${tenant.id}, 1)
      ON CONFLICT (tenant_id) DO UPDATE SET revision = sharing_policy_revisions.revision + 1, updated_at = now()`;
  });
}

/** Seeds the demo decisions of every tenant homed in this region's database. */
export async function seedDecisions(prisma: PrismaClient): Promise<void> {
  const officers = await prisma.user.findMany({
    where: { providerRole: "compliance_officer" },
    orderBy: { email: "asc" },
    select: { id: true },
  });
  if (officers.length < 2) return; // four eyes needs two officers; a region without them gets no decisions
  const now = Date.now();
  for (const tenant of await prisma.tenant.findMany({ select: { id: true, slug: true } })) {
    const plans = PLANS[tenant.slug];
    if (!plans) continue;
    const admin = await prisma.membership.findFirst({
      where: { tenantId: tenant.id, role: "customer_admin" },
      select: { userId: true },
    });
    if (!admin) continue;
    const people: People = { compliance: officers[0]!.id, compliance2: officers[1]!.id, admin: admin.userId };
    for (const plan of plans) await seedOne(prisma, tenant, plan, people, now);
  }
}
