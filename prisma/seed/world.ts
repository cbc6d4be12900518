import { createHash } from "node:crypto";

/**
 * The demo world: one customer organisation spread over three regions on three tiers, a
 * second one in a single region, and the provider's staff in each region. Ids are derived
 * from names so that every region's copy of the replicated directory agrees.
 */

export function stableId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("/")).digest("hex");
  // Shaped like a v4 UUID so it passes the same validation as generated ids.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type SeedTier = "managed" | "customer_cloud" | "sovereign";
export type SeedStoreKind =
  | "relational_database"
  | "document_database"
  | "object_storage"
  | "queue"
  | "stream"
  | "search_index"
  | "vector_index"
  | "cache"
  | "data_warehouse"
  | "backup"
  | "log_archive";

export interface SeedStore {
  name: string;
  kind: SeedStoreKind;
  engine: string;
  region?: string;
  dataClasses: string[];
  records: number;
  gigabytes: number;
}

export interface SeedTenant {
  slug: string;
  name: string;
  organisation: string;
  homeRegion: string;
  tier: SeedTier;
  stores: SeedStore[];
}

export interface SeedOrganisation {
  slug: string;
  name: string;
}

export const ORGANISATIONS: SeedOrganisation[] = [
  { slug: "northwind", name: "Northwind Logistics" },
  { slug: "kestrel", name: "Kestrel Health" },
];

const logisticsStores = (engineHint: string): SeedStore[] => [
  {
    name: "shipments-db",
    kind: "relational_database",
    engine: `PostgreSQL 16 (${engineHint})`,
    dataClasses: ["customer_pii", "business_records"],
    records: 48_213_554,
    gigabytes: 612,
  },
  {
    name: "customer-profiles",
    kind: "document_database",
    engine: `MongoDB 7 (${engineHint})`,
    dataClasses: ["customer_pii", "government_id"],
    records: 3_904_117,
    gigabytes: 88,
  },
  {
    name: "customer-documents",
    kind: "object_storage",
    engine: `Object storage (${engineHint})`,
    dataClasses: ["customer_pii", "government_id", "business_records"],
    records: 17_530_022,
    gigabytes: 9_410,
  },
  {
    name: "shipment-events",
    kind: "queue",
    engine: "Kafka 3.7",
    dataClasses: ["business_records", "usage_telemetry"],
    records: 1_208_441,
    gigabytes: 41,
  },
  {
    name: "tracking-changes",
    kind: "stream",
    engine: "Debezium change stream",
    dataClasses: ["business_records"],
    records: 622_090,
    gigabytes: 12,
  },
  {
    name: "tracking-search",
    kind: "search_index",
    engine: "OpenSearch 2.15",
    dataClasses: ["business_records", "customer_pii"],
    records: 48_100_210,
    gigabytes: 390,
  },
  {
    name: "route-embeddings",
    kind: "vector_index",
    engine: "pgvector 0.7",
    dataClasses: ["pseudonymised_analytics"],
    records: 9_800_400,
    gigabytes: 74,
  },
  {
    name: "session-cache",
    kind: "cache",
    engine: "Redis 7",
    dataClasses: ["usage_telemetry", "credentials"],
    records: 210_554,
    gigabytes: 3,
  },
  {
    name: "analytics-warehouse",
    kind: "data_warehouse",
    engine: "ClickHouse 24",
    dataClasses: ["pseudonymised_analytics", "aggregated_metrics"],
    records: 902_331_874,
    gigabytes: 2_870,
  },
  {
    name: "nightly-backups",
    kind: "backup",
    engine: "Encrypted snapshot vault",
    dataClasses: ["customer_pii", "business_records", "payment_data"],
    records: 365,
    gigabytes: 18_200,
  },
  {
    name: "audit-logs",
    kind: "log_archive",
    engine: "Loki on object storage",
    dataClasses: ["security_logs"],
    records: 77_120_905,
    gigabytes: 640,
  },
];

export const TENANTS: SeedTenant[] = [
  {
    slug: "northwind-eu",
    name: "Northwind Logistics EU",
    organisation: "northwind",
    homeRegion: "eu-central-1",
    tier: "managed",
    stores: [
      ...logisticsStores("managed, Frankfurt"),
      // Disaster-recovery copy kept outside the home region: the overview must make it stand out.
      {
        name: "dr-backup-replica",
        kind: "backup",
        engine: "Cross-region snapshot copy",
        region: "us-east-1",
        dataClasses: ["customer_pii", "business_records"],
        records: 30,
        gigabytes: 17_900,
      },
    ],
  },
  {
    slug: "northwind-gcc",
    name: "Northwind Logistics GCC",
    organisation: "northwind",
    homeRegion: "me-central-1",
    tier: "sovereign",
    stores: logisticsStores("sovereign, national datacenter").map((s) =>
      s.name === "shipments-db"
        ? {
            ...s,
            name: "customs-declarations-db",
            dataClasses: ["customer_pii", "government_id", "business_records"],
            records: 6_402_118,
            gigabytes: 140,
          }
        : s,
    ),
  },
  {
    slug: "northwind-za",
    name: "Northwind Logistics South Africa",
    organisation: "northwind",
    homeRegion: "af-south-1",
    tier: "customer_cloud",
    stores: logisticsStores("customer AWS account").filter((s) => s.kind !== "document_database"),
  },
  {
    slug: "kestrel-eu",
    name: "Kestrel Health Europe",
    organisation: "kestrel",
    homeRegion: "eu-central-1",
    tier: "managed",
    stores: [
      {
        name: "patient-records-db",
        kind: "relational_database",
        engine: "PostgreSQL 16 (managed, Frankfurt)",
        dataClasses: ["health_data", "customer_pii", "government_id"],
        records: 2_114_908,
        gigabytes: 205,
      },
      {
        name: "imaging-archive",
        kind: "object_storage",
        engine: "Object storage (managed, Frankfurt)",
        dataClasses: ["health_data"],
        records: 8_220_447,
        gigabytes: 61_300,
      },
      {
        name: "hl7-inbound",
        kind: "queue",
        engine: "RabbitMQ 3.13",
        dataClasses: ["health_data", "customer_pii"],
        records: 51_203,
        gigabytes: 2,
      },
      {
        name: "clinical-search",
        kind: "search_index",
        engine: "OpenSearch 2.15",
        dataClasses: ["health_data"],
        records: 2_100_332,
        gigabytes: 96,
      },
      {
        name: "triage-embeddings",
        kind: "vector_index",
        engine: "pgvector 0.7",
        dataClasses: ["pseudonymised_analytics"],
        records: 1_950_000,
        gigabytes: 18,
      },
      {
        name: "encrypted-backups",
        kind: "backup",
        engine: "Encrypted snapshot vault",
        dataClasses: ["health_data", "customer_pii"],
        records: 90,
        gigabytes: 70_800,
      },
      {
        name: "access-logs",
        kind: "log_archive",
        engine: "Loki on object storage",
        dataClasses: ["security_logs"],
        records: 15_009_332,
        gigabytes: 122,
      },
    ],
  },
];

export type SeedRole =
  "customer_admin" | "customer_viewer" | "auditor" | "compliance_officer" | "support_engineer" | "provider_admin";

export interface SeedPerson {
  email: string;
  name: string;
  role: SeedRole;
  /** Tenant slugs for tenant roles (one account per region where they have a tenant). */
  tenants?: string[];
  /** Region for provider staff. */
  region?: string;
  employer?: string;
  officeCountry?: string;
  /** Provider staff: where they work from now, and their job title (shown with every support access). */
  locationCountry?: string;
  jobTitle?: string;
}

const STAFF_ENTITY: Record<string, { employer: string; country: string; city: string }> = {
  "eu-central-1": { employer: "Terrane Cloud GmbH", country: "DE", city: "frankfurt" },
  "me-central-1": { employer: "Terrane Cloud Middle East FZ-LLC", country: "AE", city: "dubai" },
  "af-south-1": { employer: "Terrane Cloud South Africa (Pty) Ltd", country: "ZA", city: "capetown" },
};

export const DEMO_REGIONS = Object.keys(STAFF_ENTITY);

const JOB_TITLES: Partial<Record<SeedRole, string>> = {
  compliance_officer: "Compliance Officer",
  support_engineer: "Senior Support Engineer",
  provider_admin: "Platform Engineer",
};

export const PEOPLE: SeedPerson[] = [
  {
    email: "ana.admin@northwind.example",
    name: "Ana Ortega",
    role: "customer_admin",
    tenants: ["northwind-eu", "northwind-gcc", "northwind-za"],
  },
  {
    email: "victor.viewer@northwind.example",
    name: "Victor Lindqvist",
    role: "customer_viewer",
    tenants: ["northwind-eu", "northwind-gcc", "northwind-za"],
  },
  {
    email: "audrey.auditor@ledgerline.example",
    name: "Audrey Mensah",
    role: "auditor",
    tenants: ["northwind-eu", "northwind-gcc", "northwind-za"],
  },
  // A second admin, so northwind-eu can ask for two approvals (M of N) on support access.
  { email: "ben.admin@northwind.example", name: "Ben Okafor", role: "customer_admin", tenants: ["northwind-eu"] },
  { email: "kim.admin@kestrel-health.example", name: "Kim Weber", role: "customer_admin", tenants: ["kestrel-eu"] },
  { email: "vera.viewer@kestrel-health.example", name: "Vera Novak", role: "customer_viewer", tenants: ["kestrel-eu"] },
  { email: "omar.auditor@crestaudit.example", name: "Omar Haddad", role: "auditor", tenants: ["kestrel-eu"] },
  ...DEMO_REGIONS.flatMap((region): SeedPerson[] => {
    const entity = STAFF_ENTITY[region]!;
    const staff = (role: SeedRole, local: string, name: string): SeedPerson => ({
      email: `${local}.${entity.city}@terrane-provider.example`,
      name,
      role,
      region,
      employer: entity.employer,
      officeCountry: entity.country,
      locationCountry: entity.country,
      jobTitle: JOB_TITLES[role],
    });
    return [
      staff("compliance_officer", "compliance", `Compliance Officer (${entity.city})`),
      staff("compliance_officer", "compliance2", `Second Compliance Officer (${entity.city})`),
      staff("support_engineer", "support", `Support Engineer (${entity.city})`),
      staff("provider_admin", "platform", `Platform Admin (${entity.city})`),
    ];
  }),
];

export function tenantBySlug(slug: string): SeedTenant {
  const tenant = TENANTS.find((t) => t.slug === slug);
  if (!tenant) throw new Error(`Unknown seed tenant ${slug}`);
  return tenant;
}
