-- Sharing decisions of each tenant's DPA, per data class and destination, with every version.

-- CreateEnum
CREATE TYPE "sharing_outcome" AS ENUM ('deny', 'allow', 'allow_aggregates', 'allow_pseudonymised');

-- CreateEnum
CREATE TYPE "legal_basis" AS ENUM ('adequacy', 'sccs', 'bcrs', 'consent', 'art49_derogation');

-- CreateEnum
CREATE TYPE "decision_status" AS ENUM ('draft', 'in_review', 'approved', 'accepted', 'withdrawn');

-- CreateEnum
CREATE TYPE "destination_kind" AS ENUM ('region', 'partner', 'subprocessor');

-- CreateTable
CREATE TABLE "sharing_decisions" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "data_class_key" TEXT NOT NULL,
    "destination_kind" "destination_kind" NOT NULL,
    "destination_id" TEXT NOT NULL,
    "destination_location" TEXT,
    "destination_key" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sharing_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sharing_decision_versions" (
    "id" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "decision_status" NOT NULL DEFAULT 'draft',
    "outcome" "sharing_outcome" NOT NULL,
    "legal_basis" "legal_basis",
    "tia_ref" TEXT,
    "dpa_clause" TEXT,
    "effective_from" TIMESTAMP(3) NOT NULL,
    "effective_to" TIMESTAMP(3),
    "notes" TEXT NOT NULL DEFAULT '',
    "author_id" TEXT NOT NULL,
    "submitted_at" TIMESTAMP(3),
    "reviewed_by_id" TEXT,
    "reviewed_at" TIMESTAMP(3),
    "accepted_by_id" TEXT,
    "accepted_at" TIMESTAMP(3),
    "withdrawn_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sharing_decision_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sharing_decision_events" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "sharing_decision_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sharing_policy_revisions" (
    "tenant_id" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sharing_policy_revisions_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sharing_decisions_tenant_id_data_class_key_destination_key_key" ON "sharing_decisions"("tenant_id", "data_class_key", "destination_key");

-- CreateIndex
CREATE UNIQUE INDEX "sharing_decision_versions_decision_id_version_key" ON "sharing_decision_versions"("decision_id", "version");

-- CreateIndex
CREATE INDEX "sharing_decision_versions_tenant_id_status_idx" ON "sharing_decision_versions"("tenant_id", "status");

-- CreateIndex
CREATE INDEX "sharing_decision_events_version_id_at_idx" ON "sharing_decision_events"("version_id", "at");

-- CreateIndex
CREATE INDEX "sharing_decision_events_tenant_id_at_idx" ON "sharing_decision_events"("tenant_id", "at");

-- AddForeignKey
ALTER TABLE "sharing_decision_versions" ADD CONSTRAINT "sharing_decision_versions_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "sharing_decisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sharing_decision_events" ADD CONSTRAINT "sharing_decision_events_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "sharing_decision_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in the Prisma schema: a decision has at most one version in the workflow
-- (draft, in review or approved) at a time; edits and steps act on that one.
CREATE UNIQUE INDEX "sharing_decision_versions_one_open_key" ON "sharing_decision_versions"("decision_id") WHERE "status" IN ('draft', 'in_review', 'approved');
