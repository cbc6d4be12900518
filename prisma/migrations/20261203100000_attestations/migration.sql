-- Residency attestations: the signed DSSE envelope of an in-toto statement about one tenant and
-- one period, as issued (modules/attestations, docs/attestations.md).
CREATE TABLE attestations (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL,
  period_from     TIMESTAMP(3) NOT NULL,
  period_to       TIMESTAMP(3) NOT NULL,
  period_name     TEXT NOT NULL,
  -- month | quarter | range
  kind            TEXT NOT NULL,
  -- issued | awaiting_review | published
  state           TEXT NOT NULL,
  -- PASSED | FAILED (the predicate's verification result)
  result          TEXT NOT NULL,
  -- SHA-256 of the predicate's RFC 8785 form: the statement's subject digest
  subject_sha256  TEXT NOT NULL,
  -- SHA-256 of the envelope exactly as served (its RFC 8785 form)
  envelope_sha256 TEXT NOT NULL UNIQUE,
  envelope        JSONB NOT NULL,
  kid             TEXT NOT NULL,
  issued_by_type  TEXT NOT NULL,
  issued_by_id    TEXT,
  issued_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX attestations_tenant_period ON attestations (tenant_id, period_from, issued_at);
