-- The signed index of a tenant's attestations: after every issue and review a new version, an
-- in-toto statement listing every attestation's envelope digest and state, chained to the previous
-- version by its digest (inside the signed statement), so a deleted, altered or replayed attestation shows.
CREATE TABLE attestation_indexes (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL,
  version         INTEGER NOT NULL,
  envelope        JSONB NOT NULL,
  envelope_sha256 TEXT NOT NULL,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX attestation_indexes_tenant_version ON attestation_indexes (tenant_id, version);
