-- Governance metrics (modules/governance, docs/governance.md): one snapshot of the figures per
-- tenant per day and one for the region (tenant_id NULL), taken by the daily job after the day
-- ends, so a past period always reads the same figures however the registers change later.
CREATE TABLE "governance_snapshots" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT,
    "day" DATE NOT NULL,
    "metrics" JSONB NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "governance_snapshots_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "governance_snapshots_tenant_day" ON "governance_snapshots"("tenant_id", "day");
-- A unique index treats NULLs as distinct: the region's row needs its own, one per day.
CREATE UNIQUE INDEX "governance_snapshots_region_day" ON "governance_snapshots"("day") WHERE "tenant_id" IS NULL;
CREATE INDEX "governance_snapshots_day" ON "governance_snapshots"("day");
