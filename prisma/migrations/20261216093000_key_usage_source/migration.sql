-- Key usage by source (docs/keys.md, "Key-event timeline and usage ingest"): `data_plane` for the
-- aggregates the data plane reports through POST /api/v1/ingest/key-usage, `portal` for Terrane's
-- own use counted in memory (its page renders' decrypts, key rotation, revocation probes). The
-- keys page shows them as separate series, so the portal's own refused reads while a key is
-- disabled are not counted as the data plane's "failed after disable".
ALTER TABLE "key_usage_hourly" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'data_plane';

-- Rows written before this column: Terrane's own use was told apart only by its service names.
UPDATE "key_usage_hourly" SET "source" = 'portal'
 WHERE "service" IN ('terrane-portal', 'terrane-key-rotation', 'terrane-revocation-probe');

-- The source is part of the key: a data-plane service that calls itself "terrane-portal" and the
-- portal's own counter no longer write into one row.
ALTER TABLE "key_usage_hourly" DROP CONSTRAINT "key_usage_hourly_pkey";
ALTER TABLE "key_usage_hourly" ADD CONSTRAINT "key_usage_hourly_pkey" PRIMARY KEY ("key_id","hour","source","operation","service");
