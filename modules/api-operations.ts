/**
 * Every API operation of every module, for the OpenAPI document (GET /api/v1/openapi.json).
 * Pure, like the api-schemas.ts files it gathers: a test compares it with app/api's routes.
 */
import type { ApiOperation } from "@/platform/http/openapi-spec";
import { platformOperations } from "@/platform/region/api-schemas";
import { auditOperations } from "@/modules/audit/api-schemas";
import { identityOperations } from "@/modules/identity/api-schemas";
import { keysOperations } from "@/modules/keys/api-schemas";
import { lineageOperations } from "@/modules/lineage/api-schemas";
import { sharingOperations } from "@/modules/sharing/api-schemas";
import { tenantsOperations } from "@/modules/tenants/api-schemas";
import { supportOperations } from "@/modules/support/api-schemas";
import { notificationsOperations } from "@/modules/notifications/api-schemas";
import { attestationsOperations } from "@/modules/attestations/api-schemas";
import { evidenceOperations } from "@/modules/evidence/api-schemas";
import { registerOperations } from "@/modules/subprocessors/api-schemas/register";
import { subscriptionOperations } from "@/modules/subprocessors/api-schemas/subscriptions";
import { tenantSubprocessorOperations } from "@/modules/subprocessors/api-schemas/tenant";
import { drillsOperations } from "@/modules/drills/api-schemas";
import { publicOperations as subprocessorsPublicOperations } from "@/modules/subprocessors/api-schemas/public";
import { governanceOperations } from "@/modules/governance/api-schemas";
import { reviewsOperations } from "@/modules/reviews/api-schemas";
import { registerOperations as lawfulAccessOperations } from "@/modules/lawful-access/api-schemas/register";
import { reportOperations as transparencyReportOperations } from "@/modules/lawful-access/api-schemas/reports";

export const API_OPERATIONS: readonly ApiOperation[] = [
  ...platformOperations,
  ...identityOperations,
  ...tenantsOperations,
  ...keysOperations,
  ...sharingOperations,
  ...lineageOperations,
  ...auditOperations,
  ...supportOperations,
  ...notificationsOperations,
  ...attestationsOperations,
  ...evidenceOperations,
  ...registerOperations,
  ...subscriptionOperations,
  ...tenantSubprocessorOperations,
  ...drillsOperations,
  ...subprocessorsPublicOperations,
  ...governanceOperations,
  ...reviewsOperations,
  ...lawfulAccessOperations,
  ...transparencyReportOperations,
];

export const API_TAGS = [
  { name: "platform", description: "Health, the region registry and this document." },
  { name: "identity", description: "Sign-in, personal API tokens and region ingest tokens." },
  { name: "tenants", description: "Tenants, their overview and contacts." },
  { name: "keys", description: "Tenant keys: lifecycle, rotation, timeline, revocation receipts, usage ingest." },
  { name: "sharing", description: "Data classes and sharing decisions with their four-eyes workflow." },
  { name: "lineage", description: "The lineage graph and OpenLineage ingest." },
  { name: "audit", description: "The tenant audit log and the region's public transparency log." },
  {
    name: "support",
    description: "Support access: requests, M-of-N approval, signed grants, the per-access log, break-glass.",
  },
  {
    name: "attestations",
    description: "Signed residency attestations (in-toto statements in DSSE envelopes) and the predicate's schema.",
  },
  {
    name: "evidence",
    description:
      "Auditor engagements (scope, expiry, revocation), the tenant's NDA and who viewed and downloaded what.",
  },
  {
    name: "subprocessors",
    description:
      "The region's subprocessor register: the staff workflow (propose, four-eyes review, notice), tenants' impact and objections, and the public list, feeds, signed snapshots and trust.json.",
  },
  {
    name: "lawful-access",
    description:
      "The region's lawful-access register (compliance officers; tenants see their entries unless prohibited) and its signed, public transparency reports.",
  },
  {
    name: "reviews",
    description:
      "The region's review queue for compliance officers (every kind of item, SLAs, four eyes, bulk actions, saved views) and the items about one tenant.",
  },
  {
    name: "governance",
    description:
      "Governance metrics of a tenant and of the region, computed in-region from the registers' aggregates and snapshotted daily.",
  },
  {
    name: "drills",
    description:
      "Residency drills (key revocation, KMS outage, wrong region) with the customer's consent, their signed reports and schedules, and the residency probe other regions answer.",
  },
  {
    name: "notifications",
    description: "Your notifications, and a tenant's webhook endpoints with their delivery log.",
  },
] as const;
