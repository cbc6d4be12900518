-- CreateEnum
CREATE TYPE "tier" AS ENUM ('managed', 'customer-cloud', 'sovereign');

-- CreateEnum
CREATE TYPE "sensitivity" AS ENUM ('restricted', 'confidential', 'public');

-- CreateEnum
CREATE TYPE "tenant_role" AS ENUM ('customer_admin', 'customer_viewer', 'auditor');

-- CreateEnum
CREATE TYPE "provider_role" AS ENUM ('compliance_officer', 'support_engineer', 'provider_admin');

-- CreateEnum
CREATE TYPE "store_kind" AS ENUM ('relational_database', 'document_database', 'object_storage', 'queue', 'stream', 'search_index', 'vector_index', 'cache', 'data_warehouse', 'backup', 'log_archive');

-- CreateTable
CREATE TABLE "directory_organisations" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_tenants" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "home_region" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenants" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" "tier" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "oidc_subject" TEXT,
    "provider_role" "provider_role",
    "employer" TEXT,
    "office_country" TEXT,
    "disabled_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "role" "tenant_role" NOT NULL,
    "expires_at" TIMESTAMP(3),
    "nda_accepted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "tenant_id" TEXT,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMP(3),

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "data_classes" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sensitivity" "sensitivity" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_classes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stores" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "store_kind" NOT NULL,
    "region" TEXT NOT NULL,
    "engine" TEXT NOT NULL,
    "record_count" BIGINT,
    "size_bytes" BIGINT,
    "counts_reported_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "store_data_classes" (
    "store_id" TEXT NOT NULL,
    "data_class_id" TEXT NOT NULL,

    CONSTRAINT "store_data_classes_pkey" PRIMARY KEY ("store_id","data_class_id")
);

-- CreateTable
CREATE TABLE "cross_region_attempts" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "tenant_id" TEXT NOT NULL,
    "from_region" TEXT NOT NULL,
    "home_region" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "path" TEXT NOT NULL,

    CONSTRAINT "cross_region_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "seq" BIGSERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "region" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_employer" TEXT,
    "actor_country" TEXT,
    "tenant_id" TEXT,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "outcome" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "salt" TEXT NOT NULL,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "directory_organisations_slug_key" ON "directory_organisations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "directory_tenants_slug_key" ON "directory_tenants"("slug");

-- CreateIndex
CREATE INDEX "directory_tenants_organisation_id_idx" ON "directory_tenants"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users"("oidc_subject");

-- CreateIndex
CREATE INDEX "memberships_tenant_id_idx" ON "memberships"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_user_id_tenant_id_key" ON "memberships"("user_id", "tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "data_classes_tenant_id_key_key" ON "data_classes"("tenant_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "stores_tenant_id_name_key" ON "stores"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "cross_region_attempts_tenant_id_at_idx" ON "cross_region_attempts"("tenant_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_id_key" ON "audit_entries"("id");

-- CreateIndex
CREATE INDEX "audit_entries_tenant_id_seq_idx" ON "audit_entries"("tenant_id", "seq");

-- AddForeignKey
ALTER TABLE "directory_tenants" ADD CONSTRAINT "directory_tenants_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "directory_organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_id_fkey" FOREIGN KEY ("id") REFERENCES "directory_tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_classes" ADD CONSTRAINT "data_classes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stores" ADD CONSTRAINT "stores_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_data_classes" ADD CONSTRAINT "store_data_classes_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_data_classes" ADD CONSTRAINT "store_data_classes_data_class_id_fkey" FOREIGN KEY ("data_class_id") REFERENCES "data_classes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in the Prisma schema: catalogue keys (tenant_id IS NULL) are unique too.
CREATE UNIQUE INDEX "data_classes_catalogue_key_key" ON "data_classes"("key") WHERE "tenant_id" IS NULL;

-- The default data-class catalogue every tenant starts from.
INSERT INTO "data_classes" ("id", "tenant_id", "key", "name", "description", "sensitivity") VALUES
  ('dc-customer-pii', NULL, 'customer_pii', 'Customer personal data', 'Names, contact details, addresses and identifiers of the customer''s own customers.', 'restricted'),
  ('dc-payment-data', NULL, 'payment_data', 'Payment data', 'Card numbers, bank accounts and payment instructions.', 'restricted'),
  ('dc-health-data', NULL, 'health_data', 'Health data', 'Special-category data about physical or mental health.', 'restricted'),
  ('dc-government-id', NULL, 'government_id', 'Government identifiers', 'Passport, national ID and tax numbers.', 'restricted'),
  ('dc-credentials', NULL, 'credentials', 'Credentials and secrets', 'Passwords, API keys, certificates and key material.', 'restricted'),
  ('dc-employee-data', NULL, 'employee_data', 'Employee data', 'The customer''s staff directory, HR and payroll records.', 'confidential'),
  ('dc-business-records', NULL, 'business_records', 'Business records', 'Orders, shipments, invoices, contracts and other operational records.', 'confidential'),
  ('dc-support-content', NULL, 'support_content', 'Support content', 'Tickets, attachments and conversations with support.', 'confidential'),
  ('dc-usage-telemetry', NULL, 'usage_telemetry', 'Usage telemetry', 'Product usage events tied to accounts or devices.', 'confidential'),
  ('dc-security-logs', NULL, 'security_logs', 'Security and audit logs', 'Access logs, audit trails and security events.', 'confidential'),
  ('dc-pseudonymised-analytics', NULL, 'pseudonymised_analytics', 'Pseudonymised analytics', 'Analytical records with direct identifiers replaced by pseudonyms.', 'confidential'),
  ('dc-aggregated-metrics', NULL, 'aggregated_metrics', 'Aggregated metrics', 'Counts and statistics that identify no person or account.', 'public'),
  ('dc-product-catalogue', NULL, 'product_catalogue', 'Product catalogue', 'Published product and price information.', 'public');
