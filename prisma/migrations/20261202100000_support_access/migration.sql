-- Support access the customer approves: a tenant's approval policy, support engineers'
-- requests with their approvals (M distinct approvers per round), the grants they make, and
-- the per-access log the data plane reports (raw events, and the per-day aggregates pages read).
-- Staff profiles gain the physical location country and job title every access shows.

ALTER TABLE "users" ADD COLUMN "location_country" TEXT;
ALTER TABLE "users" ADD COLUMN "job_title" TEXT;

-- CreateTable
CREATE TABLE "support_policies" (
    "tenant_id" TEXT NOT NULL,
    "approvals_required" INTEGER NOT NULL DEFAULT 1,
    "request_lifetime_hours" INTEGER NOT NULL DEFAULT 12,
    "max_grant_hours" INTEGER NOT NULL DEFAULT 8,
    "denied_reasons" TEXT[] NOT NULL,
    "allow_read_write" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" TEXT,

    CONSTRAINT "support_policies_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "support_requests" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "break_glass" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "ticket" TEXT,
    "access" TEXT NOT NULL,
    "store_ids" TEXT[] NOT NULL,
    "data_classes" TEXT[] NOT NULL,
    "requested_start" TIMESTAMP(3) NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "job_title" TEXT,
    "employer" TEXT NOT NULL,
    "office_country" TEXT NOT NULL,
    "location_country" TEXT NOT NULL,
    "approvals_required" INTEGER NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "decided_at" TIMESTAMP(3),
    "denied_by_id" TEXT,
    "denial_reason" TEXT,
    "withdrawn_at" TIMESTAMP(3),
    "extension_minutes" INTEGER,
    "extension_detail" TEXT,
    "extension_expires_at" TIMESTAMP(3),
    "confirmed_by_id" TEXT,
    "reviewed_by_id" TEXT,
    "reviewed_at" TIMESTAMP(3),
    "review_rationale" TEXT,

    CONSTRAINT "support_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "support_requests_tenant_id_state_idx" ON "support_requests"("tenant_id", "state");
CREATE INDEX "support_requests_requester_id_idx" ON "support_requests"("requester_id");
CREATE INDEX "support_requests_state_expires_at_idx" ON "support_requests"("state", "expires_at");

-- CreateTable
CREATE TABLE "support_approvals" (
    "id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "approver_id" TEXT NOT NULL,
    "duration_minutes" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_approvals_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "support_approvals_request_id_round_approver_id_key" ON "support_approvals"("request_id", "round", "approver_id");

-- CreateTable
CREATE TABLE "support_grants" (
    "id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "not_before" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "approver_ids" TEXT[] NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),
    "revoked_by_id" TEXT,
    "revoke_reason" TEXT,
    "expiring_notice_at" TIMESTAMP(3),

    CONSTRAINT "support_grants_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "support_grants_request_id_key" ON "support_grants"("request_id");
CREATE INDEX "support_grants_tenant_id_expires_at_idx" ON "support_grants"("tenant_id", "expires_at");

-- CreateTable
CREATE TABLE "support_access_events" (
    "tenant_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "principal" TEXT NOT NULL,
    "job_title" TEXT,
    "employer" TEXT NOT NULL,
    "office_country" TEXT NOT NULL,
    "location_country" TEXT NOT NULL,
    "store" TEXT,
    "data_class" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "grant_id" TEXT,
    "break_glass_id" TEXT,
    "verdict" TEXT NOT NULL,
    "verdict_reason" TEXT NOT NULL,
    "ingest_token_id" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "support_access_events_pkey" PRIMARY KEY ("tenant_id","event_id")
);
CREATE INDEX "support_access_events_tenant_id_time_idx" ON "support_access_events"("tenant_id", "time");

-- CreateTable
CREATE TABLE "support_access_daily" (
    "tenant_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "grant_id" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "support_access_daily_pkey" PRIMARY KEY ("tenant_id","day","grant_id","verdict")
);
