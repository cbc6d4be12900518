-- The region's subprocessor register (modules/subprocessors, docs/subprocessors.md).
-- Entries as in force; changes reviewed by a second person and announced with a notice period;
-- customers' objections; signed snapshots of the published register; public e-mail subscriptions.
CREATE TABLE subprocessors (
  id                 TEXT PRIMARY KEY,
  region             TEXT NOT NULL,
  name               TEXT NOT NULL,
  legal_entity       TEXT NOT NULL,
  service            TEXT NOT NULL,
  purpose            TEXT NOT NULL,
  data_classes       TEXT[] NOT NULL,
  locations          TEXT[] NOT NULL,
  storage_regions    TEXT[] NOT NULL,
  transfer_mechanism TEXT NOT NULL,
  scc_module         INTEGER,
  dpa_date           DATE,
  certifications     TEXT[] NOT NULL,
  key_custody        TEXT[] NOT NULL,
  website            TEXT,
  -- announced (new, in its notice period) | active | retired
  status             TEXT NOT NULL,
  effective_at       TIMESTAMP(3) NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX subprocessors_region_name ON subprocessors (region, name);
CREATE INDEX subprocessors_region_status_idx ON subprocessors (region, status);

CREATE TABLE subprocessor_changes (
  id                     TEXT PRIMARY KEY,
  region                 TEXT NOT NULL,
  subprocessor_id        TEXT NOT NULL,
  -- add | change | retire
  kind                   TEXT NOT NULL,
  -- proposed | announced | effective | rejected | withdrawn
  state                  TEXT NOT NULL DEFAULT 'proposed',
  before                 JSONB,
  after                  JSONB NOT NULL,
  author_id              TEXT NOT NULL,
  reviewer_id            TEXT,
  reviewed_at            TIMESTAMP(3),
  review_note            TEXT,
  requested_effective_at TIMESTAMP(3),
  notice_days            INTEGER,
  effective_at           TIMESTAMP(3),
  urgent_reason          TEXT,
  applied_at             TIMESTAMP(3),
  created_at             TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX subprocessor_changes_region_state_idx ON subprocessor_changes (region, state);
CREATE INDEX subprocessor_changes_subprocessor_id_created_at_idx ON subprocessor_changes (subprocessor_id, created_at);
-- At most one open (proposed or announced) change per subprocessor.
CREATE UNIQUE INDEX "subprocessor_changes_one_open" ON subprocessor_changes (subprocessor_id)
  WHERE state IN ('proposed', 'announced');

CREATE TABLE subprocessor_settings (
  region         TEXT PRIMARY KEY,
  notice_days    INTEGER NOT NULL DEFAULT 30,
  objection_days INTEGER NOT NULL DEFAULT 30,
  updated_by_id  TEXT,
  updated_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE subprocessor_objections (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL,
  change_id       TEXT NOT NULL,
  subprocessor_id TEXT NOT NULL,
  raised_by_id    TEXT NOT NULL,
  reason          TEXT NOT NULL,
  -- open | resolved
  state           TEXT NOT NULL DEFAULT 'open',
  -- change_withdrawn | tenant_excluded | accepted_after_explanation | termination_right_noted
  outcome         TEXT,
  resolution      TEXT,
  resolved_by_id  TEXT,
  resolved_at     TIMESTAMP(3),
  due_at          TIMESTAMP(3) NOT NULL,
  created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX subprocessor_objections_tenant_change ON subprocessor_objections (tenant_id, change_id);
CREATE INDEX subprocessor_objections_state_due_at_idx ON subprocessor_objections (state, due_at);

CREATE TABLE subprocessor_snapshots (
  seq       SERIAL PRIMARY KEY,
  region    TEXT NOT NULL,
  change_id TEXT,
  reason    TEXT NOT NULL,
  taken_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sha256    TEXT NOT NULL,
  envelope  JSONB NOT NULL
);
CREATE INDEX subprocessor_snapshots_region_taken_at_idx ON subprocessor_snapshots (region, taken_at);

CREATE TABLE subprocessor_subscriptions (
  id                 TEXT PRIMARY KEY,
  region             TEXT NOT NULL,
  email              TEXT NOT NULL,
  -- pending | confirmed | unsubscribed
  state              TEXT NOT NULL DEFAULT 'pending',
  confirm_token_hash TEXT NOT NULL,
  unsubscribe_hash   TEXT NOT NULL,
  created_at         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  confirmed_at       TIMESTAMP(3),
  unsubscribed_at    TIMESTAMP(3)
);
CREATE UNIQUE INDEX subprocessor_subscriptions_confirm_token_hash_key ON subprocessor_subscriptions (confirm_token_hash);
CREATE UNIQUE INDEX subprocessor_subscriptions_unsubscribe_hash_key ON subprocessor_subscriptions (unsubscribe_hash);
CREATE UNIQUE INDEX subprocessor_subscriptions_region_email ON subprocessor_subscriptions (region, email);

-- A public subscriber has no account: their e-mails go through the same outbox with no user.
ALTER TABLE notification_emails ALTER COLUMN user_id DROP NOT NULL;
