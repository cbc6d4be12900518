-- Auditor engagements (modules/evidence, docs/evidence.md). An auditor's membership carries the
-- engagement: what it may read (attestations only, or full evidence), the periods, who invited
-- the auditor, and which NDA text (by SHA-256) the auditor accepted. The policy reads these
-- columns with the membership, so the gate costs no extra query.
ALTER TABLE memberships ADD COLUMN evidence_access TEXT;
ALTER TABLE memberships ADD COLUMN scope_from TIMESTAMP(3);
ALTER TABLE memberships ADD COLUMN scope_to TIMESTAMP(3);
ALTER TABLE memberships ADD COLUMN nda_sha256 TEXT;
ALTER TABLE memberships ADD COLUMN invited_by_id TEXT;
ALTER TABLE memberships ADD COLUMN revoked_at TIMESTAMP(3);
ALTER TABLE memberships ADD COLUMN revoked_by_id TEXT;

-- The tenant's NDA, versioned: a new text means every auditor accepts again.
CREATE TABLE tenant_ndas (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  version       INTEGER NOT NULL,
  text          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  created_by_id TEXT,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX tenant_ndas_tenant_version ON tenant_ndas (tenant_id, version);

-- Every acceptance, kept after the engagement ends: who, when, from where, which text.
CREATE TABLE nda_acceptances (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  membership_id TEXT NOT NULL,
  version       INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL,
  ip            TEXT NOT NULL,
  accepted_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX nda_acceptances_tenant ON nda_acceptances (tenant_id, accepted_at);

-- Who viewed and downloaded which evidence, with the digest of the bytes served.
CREATE TABLE evidence_activity (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  -- attestations.viewed | attestation.downloaded | attestation.pdf_downloaded | evidence.downloaded | nda.accepted | access.refused
  kind        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  sha256      TEXT,
  download_id TEXT,
  ip          TEXT NOT NULL,
  at          TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX evidence_activity_tenant ON evidence_activity (tenant_id, at);
