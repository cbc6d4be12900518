-- Residency drills (modules/drills, docs/drills.md): the drills run for a tenant, the customer's
-- consent that compliance officers run them, and recurring schedules.
CREATE TABLE drills (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  -- key_revocation | kms_outage | wrong_region
  kind          TEXT NOT NULL,
  -- running | completed | failed
  state         TEXT NOT NULL,
  started_by_id TEXT,
  consent_id    TEXT,
  schedule_id   TEXT,
  started_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  finished_at   TIMESTAMP(3),
  result        JSONB NOT NULL DEFAULT '{}',
  report        JSONB,
  report_sha256 TEXT,
  failure       TEXT,
  left_to_do    TEXT[] NOT NULL
);
CREATE INDEX drills_tenant_started ON drills (tenant_id, started_at);
CREATE INDEX drills_started ON drills (started_at);
-- One drill at a time per tenant: a second start is refused by the database even if two race.
CREATE UNIQUE INDEX "drills_one_running" ON "drills"("tenant_id") WHERE "state" = 'running';

CREATE TABLE drill_consents (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  kinds         TEXT[] NOT NULL,
  granted_by_id TEXT NOT NULL,
  granted_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at    TIMESTAMP(3) NOT NULL,
  revoked_at    TIMESTAMP(3),
  revoked_by_id TEXT
);
CREATE INDEX drill_consents_tenant_granted ON drill_consents (tenant_id, granted_at);

CREATE TABLE drill_schedules (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  kind          TEXT NOT NULL,
  every_days    INTEGER NOT NULL,
  next_run_at   TIMESTAMP(3) NOT NULL,
  created_by_id TEXT NOT NULL,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_drill_id TEXT,
  last_note     TEXT
);
CREATE UNIQUE INDEX drill_schedules_tenant_kind ON drill_schedules (tenant_id, kind);
CREATE INDEX drill_schedules_next_run ON drill_schedules (next_run_at);
