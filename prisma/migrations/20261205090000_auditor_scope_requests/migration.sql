-- An auditor's request for more periods or full evidence (modules/evidence, docs/evidence.md):
-- what they asked for and why, the engagement's scope when they asked, and the decision of a
-- customer admin or compliance officer. An approval widens the membership's scope in the same
-- transaction; the engagement's expiry never moves. One pending request per engagement: the
-- membership row is locked while a request is made.
CREATE TABLE auditor_scope_requests (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL,
  membership_id   TEXT NOT NULL,
  requested_by_id TEXT NOT NULL,
  -- pending | approved | denied | lapsed (the engagement ended or started over undecided)
  status          TEXT NOT NULL DEFAULT 'pending',
  access          TEXT NOT NULL,
  scope_from      TIMESTAMP(3) NOT NULL,
  scope_to        TIMESTAMP(3) NOT NULL,
  reason          TEXT NOT NULL,
  -- The engagement's scope when the request was made.
  current_access  TEXT NOT NULL,
  current_from    TIMESTAMP(3),
  current_to      TIMESTAMP(3),
  decided_by_id   TEXT,
  decided_at      TIMESTAMP(3),
  note            TEXT,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX auditor_scope_requests_membership ON auditor_scope_requests (membership_id, created_at);
CREATE INDEX auditor_scope_requests_tenant ON auditor_scope_requests (tenant_id, status);
