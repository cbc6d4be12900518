-- CreateEnum
CREATE TYPE "KeyState" AS ENUM ('enabled', 'disabled', 'pending_deletion', 'destroyed');

-- CreateTable
CREATE TABLE "tenant_keys" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "key_ref" TEXT NOT NULL,
    "state" "KeyState" NOT NULL DEFAULT 'enabled',
    "current_version" INTEGER NOT NULL,
    "rotation_period_days" INTEGER NOT NULL DEFAULT 365,
    "last_rotated_at" TIMESTAMP(3) NOT NULL,
    "next_rotation_at" TIMESTAMP(3) NOT NULL,
    "state_changed_at" TIMESTAMP(3) NOT NULL,
    "deletion_due_at" TIMESTAMP(3),
    "destroyed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenant_key_versions" (
    "id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "sealed_material" BYTEA,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMP(3),
    "destroyed_at" TIMESTAMP(3),

    CONSTRAINT "tenant_key_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_keys" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "key_version" INTEGER NOT NULL,
    "wrapped_key" BYTEA,
    "state" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMP(3),

    CONSTRAINT "data_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_events" (
    "id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "key_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_rotations" (
    "id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "from_version" INTEGER NOT NULL,
    "to_version" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "data_key_id" TEXT,
    "rewrapped" INTEGER NOT NULL DEFAULT 0,
    "total_fields" INTEGER NOT NULL DEFAULT 0,
    "done_fields" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "key_rotations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revocation_receipts" (
    "id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "disabled_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "expected" JSONB NOT NULL DEFAULT '[]',
    "max_ms" INTEGER,
    "body" JSONB,
    "signature" TEXT,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "revocation_receipts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revocation_probes" (
    "receipt_id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "failed_at" TIMESTAMP(3) NOT NULL,
    "ms" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,

    CONSTRAINT "revocation_probes_pkey" PRIMARY KEY ("receipt_id","instance_id")
);

-- CreateTable
CREATE TABLE "region_instances" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "region_instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_usage_hourly" (
    "key_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "operation" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_usage_hourly_pkey" PRIMARY KEY ("key_id","hour","operation","service")
);

-- CreateTable
CREATE TABLE "ingest_tokens" (
    "id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "ingest_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenant_contacts" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "data_key_id" TEXT NOT NULL,
    "name" BYTEA NOT NULL,
    "email" BYTEA NOT NULL,
    "phone" BYTEA,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auditor_identities" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "membership_id" TEXT NOT NULL,
    "data_key_id" TEXT NOT NULL,
    "firm" BYTEA NOT NULL,
    "name" BYTEA NOT NULL,
    "email" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auditor_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "store_canaries" (
    "store_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "data_key_id" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "store_canaries_pkey" PRIMARY KEY ("store_id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupe_key" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "run_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMP(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenant_keys_tenant_id_alias_key" ON "tenant_keys"("tenant_id", "alias");
CREATE INDEX "tenant_keys_next_rotation_at_idx" ON "tenant_keys"("next_rotation_at");
CREATE UNIQUE INDEX "tenant_key_versions_key_id_version_key" ON "tenant_key_versions"("key_id", "version");
CREATE INDEX "data_keys_key_id_state_idx" ON "data_keys"("key_id", "state");
CREATE INDEX "data_keys_tenant_id_idx" ON "data_keys"("tenant_id");
CREATE INDEX "key_events_key_id_at_idx" ON "key_events"("key_id", "at");
CREATE INDEX "key_rotations_key_id_started_at_idx" ON "key_rotations"("key_id", "started_at");
CREATE INDEX "key_rotations_stage_idx" ON "key_rotations"("stage");
CREATE INDEX "revocation_receipts_key_id_disabled_at_idx" ON "revocation_receipts"("key_id", "disabled_at");
CREATE INDEX "revocation_receipts_status_idx" ON "revocation_receipts"("status");
CREATE INDEX "region_instances_last_seen_at_idx" ON "region_instances"("last_seen_at");
CREATE INDEX "key_usage_hourly_tenant_id_hour_idx" ON "key_usage_hourly"("tenant_id", "hour");
CREATE UNIQUE INDEX "ingest_tokens_token_hash_key" ON "ingest_tokens"("token_hash");
CREATE INDEX "tenant_contacts_tenant_id_idx" ON "tenant_contacts"("tenant_id");
CREATE INDEX "tenant_contacts_data_key_id_idx" ON "tenant_contacts"("data_key_id");
CREATE UNIQUE INDEX "auditor_identities_membership_id_key" ON "auditor_identities"("membership_id");
CREATE INDEX "auditor_identities_tenant_id_idx" ON "auditor_identities"("tenant_id");
CREATE INDEX "auditor_identities_data_key_id_idx" ON "auditor_identities"("data_key_id");
CREATE INDEX "store_canaries_tenant_id_idx" ON "store_canaries"("tenant_id");
CREATE INDEX "store_canaries_data_key_id_idx" ON "store_canaries"("data_key_id");
CREATE UNIQUE INDEX "jobs_dedupe_key_key" ON "jobs"("dedupe_key");
CREATE INDEX "jobs_status_run_at_idx" ON "jobs"("status", "run_at");

-- AddForeignKey
ALTER TABLE "tenant_keys" ADD CONSTRAINT "tenant_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tenant_key_versions" ADD CONSTRAINT "tenant_key_versions_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "tenant_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "data_keys" ADD CONSTRAINT "data_keys_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "tenant_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "revocation_probes" ADD CONSTRAINT "revocation_probes_receipt_id_fkey" FOREIGN KEY ("receipt_id") REFERENCES "revocation_receipts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tenant_contacts" ADD CONSTRAINT "tenant_contacts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "auditor_identities" ADD CONSTRAINT "auditor_identities_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "store_canaries" ADD CONSTRAINT "store_canaries_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The region's signing keys move under the region's KMS: which wrapping protects each one.
ALTER TABLE "region_signing_keys" ADD COLUMN "wrapped_by" TEXT NOT NULL DEFAULT 'sealing-key';
