-- Lineage: raw OpenLineage events (written by ingest, read only by the rollup) and the
-- registers the lineage API reads: datasets, jobs, runs, edges, alerts.

-- CreateTable
CREATE TABLE "lineage_events" (
    "event_key" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "event_type" TEXT,
    "event_time" TIMESTAMP(3) NOT NULL,
    "run_id" TEXT,
    "ingest_token_id" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL,

    CONSTRAINT "lineage_events_pkey" PRIMARY KEY ("event_key")
);

-- CreateTable
CREATE TABLE "lineage_datasets" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "region_source" TEXT NOT NULL,
    "subprocessor" TEXT,
    "form" TEXT,
    "data_classes" TEXT[] NOT NULL,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "facets_at" TIMESTAMP(3),
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "event_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lineage_datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lineage_jobs" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "facets_at" TIMESTAMP(3),
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "run_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lineage_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lineage_runs" (
    "tenant_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "input_ids" TEXT[] NOT NULL,
    "output_ids" TEXT[] NOT NULL,
    "last_event_type" TEXT,
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lineage_runs_pkey" PRIMARY KEY ("tenant_id","run_id")
);

-- CreateTable
CREATE TABLE "lineage_edges" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "crossing" TEXT,
    "outcome" TEXT NOT NULL,
    "data_classes" TEXT[] NOT NULL,
    "form" TEXT,
    "decisions" JSONB NOT NULL DEFAULT '[]',
    "reason" TEXT,
    "evaluated_at" TIMESTAMP(3),

    CONSTRAINT "lineage_edges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lineage_alerts" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "edge_id" TEXT,
    "dataset_id" TEXT,
    "from_region" TEXT,
    "to_kind" TEXT,
    "to_id" TEXT,
    "to_region" TEXT,
    "data_classes" TEXT[] NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "raised_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMP(3),
    "acknowledged_by_id" TEXT,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "lineage_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lineage_events_tenant_id_received_at_idx" ON "lineage_events"("tenant_id", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "lineage_datasets_tenant_id_namespace_name_key" ON "lineage_datasets"("tenant_id", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "lineage_jobs_tenant_id_namespace_name_key" ON "lineage_jobs"("tenant_id", "namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "lineage_edges_tenant_id_kind_source_id_target_id_key" ON "lineage_edges"("tenant_id", "kind", "source_id", "target_id");

-- CreateIndex
CREATE INDEX "lineage_alerts_tenant_id_status_idx" ON "lineage_alerts"("tenant_id", "status");

-- At most one open alert per subject (an edge or a dataset): a repeated sighting of the same
-- violation does not pile up alerts. Partial, so it cannot be written in schema.prisma.
CREATE UNIQUE INDEX "lineage_alerts_open_subject_key" ON "lineage_alerts"("tenant_id", "subject") WHERE "status" = 'open';
