-- The lawful-access register (modules/lawful-access, docs/lawful-access.md): government and
-- law-enforcement requests received by the region, and the signed transparency reports counting them.

CREATE TABLE lawful_access_requests (
  id                 TEXT PRIMARY KEY,
  region             TEXT NOT NULL,
  authority          TEXT NOT NULL,
  -- ISO 3166-1 alpha-2
  jurisdiction       TEXT NOT NULL,
  legal_instrument   TEXT NOT NULL,
  -- subpoena | court_order | warrant | national_security | emergency | other
  kind               TEXT NOT NULL,
  data_classes       TEXT[] NOT NULL,
  tenant_ids         TEXT[] NOT NULL,
  summary            TEXT,
  received_at        TIMESTAMP(3) NOT NULL,
  response_due_at    TIMESTAMP(3),
  responded_at       TIMESTAMP(3),
  notified_at        TIMESTAMP(3),
  prohibition_basis  TEXT,
  prohibition_until  TIMESTAMP(3),
  -- pending | rejected | challenged | partially_disclosed | disclosed
  disposition        TEXT NOT NULL DEFAULT 'pending',
  rationale          TEXT,
  recorded_by_id     TEXT NOT NULL,
  recorded_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  closed_by_id       TEXT,
  closed_at          TIMESTAMP(3),
  -- Told the customer, or a recorded prohibition: never both.
  CONSTRAINT lawful_access_requests_notified_or_prohibited CHECK (notified_at IS NULL OR prohibition_basis IS NULL),
  -- Closed with a disposition, or open and pending.
  CONSTRAINT lawful_access_requests_closed_disposition CHECK ((closed_at IS NULL) = (disposition = 'pending'))
);
CREATE INDEX lawful_access_requests_region_received_at_idx ON lawful_access_requests (region, received_at);

CREATE TABLE transparency_reports (
  id            TEXT PRIMARY KEY,
  region        TEXT NOT NULL,
  -- 2026-H1 | 2026-Q3
  period        TEXT NOT NULL,
  version       INTEGER NOT NULL,
  period_start  TIMESTAMP(3) NOT NULL,
  period_end    TIMESTAMP(3) NOT NULL,
  issued_at     TIMESTAMP(3) NOT NULL,
  issued_by_id  TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  envelope      JSONB NOT NULL
);
CREATE UNIQUE INDEX transparency_reports_region_period_version ON transparency_reports (region, period, version);
