import type { PrismaClient } from "@/platform/db/generated/prisma/client";
import type { Prisma } from "@/platform/db/transaction";
import type { UserActor } from "@/platform/auth/actor";
import type { SubprocessorEntry, SubprocessorFields } from "@/modules/subprocessors/domain/model";
import { rowData } from "@/modules/subprocessors/server/rows";
import { proposeChange } from "@/modules/subprocessors/server/propose";
import { approveChange } from "@/modules/subprocessors/server/review";
import { recordSnapshot } from "@/modules/subprocessors/server/snapshot";
import { attestationSigner } from "@/modules/attestations/server/sign";

const DAY = 86_400_000;

type Seeded = SubprocessorFields & { id: string; activeDaysAgo: number };

/** A realistic register: cloud, e-mail, support desk, analytics, payments. */
function registerOf(region: string, country: string): Seeded[] {
  return [
    {
      id: "aws",
      activeDaysAgo: 400,
      name: "Amazon Web Services",
      legal_entity: "Amazon Web Services EMEA SARL",
      service: "Cloud infrastructure (compute, storage, KMS)",
      purpose: `Hosts the ${region} region: compute, databases, object storage and the region's KMS. Data stays in ${region}.`,
      data_classes: [
        "customer_pii",
        "payment_data",
        "health_data",
        "government_id",
        "employee_data",
        "business_records",
        "support_content",
        "usage_telemetry",
        "security_logs",
      ],
      locations: [country],
      storage_regions: [region],
      transfer_mechanism: "none_needed",
      scc_module: null,
      dpa_date: "2025-03-01",
      certifications: ["ISO/IEC 27001", "SOC 2 Type II", "C5"],
      key_custody: ["byok", "hyok"],
      website: "https://aws.amazon.com/compliance/",
    },
    {
      id: "postmark",
      activeDaysAgo: 300,
      name: "Postmark",
      legal_entity: "ActiveCampaign, LLC",
      service: "Transactional e-mail",
      purpose: "Sends notification e-mails (sign-in codes, alerts) to the customer's users.",
      data_classes: ["customer_pii"],
      locations: ["US"],
      storage_regions: [],
      transfer_mechanism: "sccs",
      scc_module: 3,
      dpa_date: "2025-06-12",
      certifications: ["SOC 2 Type II"],
      key_custody: [],
      website: "https://postmarkapp.com/eu-privacy",
    },
    {
      id: "zendesk",
      activeDaysAgo: 250,
      name: "Zendesk",
      legal_entity: "Zendesk, Inc.",
      service: "Support desk",
      purpose: "Holds the customer's support tickets and conversations with the provider's support team.",
      data_classes: ["support_content", "customer_pii"],
      locations: ["IE", "US"],
      storage_regions: [],
      transfer_mechanism: "bcrs",
      scc_module: null,
      dpa_date: "2025-01-20",
      certifications: ["ISO/IEC 27001", "ISO/IEC 27018", "SOC 2 Type II"],
      key_custody: [],
      website: "https://www.zendesk.com/company/privacy-and-data-protection/",
    },
    {
      id: "snowflake-analytics",
      activeDaysAgo: 200,
      name: "Snowflake Analytics",
      legal_entity: "Snowflake Inc.",
      service: "Analytics warehouse",
      purpose: "Aggregated product metrics and pseudonymised analytics for the provider's reporting.",
      data_classes: ["pseudonymised_analytics", "usage_telemetry"],
      locations: ["US"],
      storage_regions: ["us-east-1"],
      transfer_mechanism: "sccs",
      scc_module: 2,
      dpa_date: "2025-09-30",
      certifications: ["ISO/IEC 27001", "SOC 2 Type II", "FedRAMP Moderate"],
      key_custody: ["byok"],
      website: "https://www.snowflake.com/en/legal/",
    },
    {
      id: "stripe",
      activeDaysAgo: 150,
      name: "Stripe",
      legal_entity: "Stripe Payments Europe, Limited",
      service: "Payments",
      purpose: "Charges the customer's subscription; holds billing contacts and payment instruments.",
      data_classes: ["payment_data", "business_records"],
      locations: ["IE", "US"],
      storage_regions: [],
      transfer_mechanism: "adequacy",
      scc_module: null,
      dpa_date: "2025-04-02",
      certifications: ["PCI DSS Level 1", "SOC 2 Type II"],
      key_custody: [],
      website: "https://stripe.com/legal/dpa",
    },
  ];
}

/** The change announced in the demo, inside its notice period: a new chat-support subprocessor. */
const ANNOUNCED: SubprocessorFields = {
  name: "Intercom",
  legal_entity: "Intercom R&D Unlimited Company",
  service: "In-app chat support",
  purpose: "Live chat between the customer's users and the provider's support team, inside the portal.",
  data_classes: ["support_content", "customer_pii"],
  locations: ["IE", "US"],
  storage_regions: [],
  transfer_mechanism: "sccs",
  scc_module: 2,
  dpa_date: "2026-11-15",
  certifications: ["ISO/IEC 27001", "SOC 2 Type II"],
  key_custody: [],
  website: "https://www.intercom.com/legal/security",
};

function actorOf(
  p: { id: string; email: string; name: string },
  role: "provider_admin" | "compliance_officer",
): UserActor {
  return {
    type: "user",
    userId: p.id,
    email: p.email,
    name: p.name,
    providerRole: role,
    employer: "Terrane Cloud GmbH",
    officeCountry: null,
    via: "session",
    tokenId: null,
    tokenTenantId: null,
  };
}

/**
 * The region's subprocessor register: five subprocessors in force for months (with the change
 * records that brought them in), a signed snapshot of it, and one new subprocessor proposed by the
 * region's provider admin and announced by its compliance officer through the real workflow, so it
 * sits inside its notice period with its customers told.
 */
export async function seedSubprocessors(prisma: PrismaClient, region: string, country: string): Promise<void> {
  const person = { id: true, email: true, name: true } as const;
  const admin = await prisma.user.findFirst({
    where: { providerRole: "provider_admin" },
    orderBy: { email: "asc" },
    select: person,
  });
  const officer = await prisma.user.findFirst({
    where: { providerRole: "compliance_officer" },
    orderBy: { email: "asc" },
    select: person,
  });
  if (!admin || !officer) return;
  const now = Date.now();
  const signer = await attestationSigner();
  await prisma.$transaction(async (tx) => {
    for (const { activeDaysAgo, ...fields } of registerOf(region, country)) {
      const effectiveAt = new Date(now - activeDaysAgo * DAY);
      const entry: SubprocessorEntry = { ...fields, status: "active", effective_at: effectiveAt.toISOString() };
      await tx.subprocessor.create({ data: rowData(entry, region) });
      await tx.subprocessorChange.create({
        data: {
          region,
          subprocessorId: fields.id,
          kind: "add",
          state: "effective",
          after: entry as unknown as Prisma.InputJsonObject,
          authorId: admin.id,
          reviewerId: officer.id,
          reviewedAt: new Date(effectiveAt.getTime() - 30 * DAY),
          noticeDays: 30,
          effectiveAt,
          appliedAt: effectiveAt,
          createdAt: new Date(effectiveAt.getTime() - 32 * DAY),
        },
      });
    }
    await recordSnapshot(tx, signer, { changeId: null, reason: "effective" });
  });
  const proposed = await proposeChange(actorOf(admin, "provider_admin"), ANNOUNCED);
  await approveChange(actorOf(officer, "compliance_officer"), proposed.change_id, {
    note: "Replaces e-mail-only support for chat; SCCs module 2 and the TIA on file (TIA-2026-11).",
  });
}
