-- The region's review queue (modules/reviews, docs/reviews.md): one row per thing a compliance
-- officer has to look at, per-kind SLAs, and people's saved filters.
CREATE TABLE review_items (
  id                  TEXT PRIMARY KEY,
  kind                TEXT NOT NULL,
  tenant_id           TEXT,
  source_id           TEXT NOT NULL,
  title               TEXT NOT NULL,
  author_id           TEXT,
  -- open | in_review | resolved | dismissed
  state               TEXT NOT NULL DEFAULT 'open',
  opened_at           TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  due_at              TIMESTAMP(3) NOT NULL,
  assignee_id         TEXT,
  resolved_at         TIMESTAMP(3),
  resolved_by_id      TEXT,
  outcome             TEXT,
  rationale           TEXT,
  overdue_notified_at TIMESTAMP(3)
);
CREATE UNIQUE INDEX review_items_kind_source ON review_items (kind, source_id);
CREATE INDEX review_items_state_due ON review_items (state, due_at);
CREATE INDEX review_items_tenant_state ON review_items (tenant_id, state);
CREATE INDEX review_items_assignee_state ON review_items (assignee_id, state);

CREATE TABLE review_slas (
  kind          TEXT PRIMARY KEY,
  hours         INTEGER NOT NULL,
  updated_by_id TEXT NOT NULL,
  updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE review_views (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL,
  name       TEXT NOT NULL,
  filters    JSONB NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX review_views_user_name ON review_views (user_id, name);
-- Backfill: every source already waiting for a compliance officer gets its item, as its source
-- would have opened it (modules/reviews/server/backfill.ts runs the same statements after the
-- demo's seed). Due dates count from when each source started waiting, by the default SLAs.
INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at)
SELECT gen_random_uuid()::text, 'sharing_decision', v.tenant_id, v.id,
       LEFT(d.data_class_key || ' → ' || d.destination_id || ', version ' || v.version || ' (' || t.name || ')', 300),
       v.author_id, 'open', COALESCE(v.submitted_at, v.updated_at),
       COALESCE(v.submitted_at, v.updated_at)
         + make_interval(hours => COALESCE((SELECT s.hours FROM review_slas s WHERE s.kind = 'sharing_decision'), 120))
  FROM sharing_decision_versions v
  JOIN sharing_decisions d ON d.id = v.decision_id
  JOIN tenants t ON t.id = v.tenant_id
 WHERE v.status = 'in_review'
ON CONFLICT (kind, source_id) DO NOTHING;

INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at, assignee_id)
SELECT gen_random_uuid()::text, a.kind, a.tenant_id, a.id,
       LEFT(CASE WHEN a.kind = 'region_unknown' THEN a.reason
            ELSE COALESCE(NULLIF(array_to_string(a.data_classes, ', '), ''), 'data') || ' from '
                 || COALESCE(a.from_region, 'an unknown region') || ' to '
                 || COALESCE(NULLIF(concat_ws(' ', a.to_id, '(' || a.to_region || ')'), ''), 'an unknown destination')
            END, 300),
       NULL, CASE WHEN a.status = 'acknowledged' THEN 'in_review' ELSE 'open' END, a.raised_at,
       a.raised_at + make_interval(hours => COALESCE((SELECT s.hours FROM review_slas s WHERE s.kind = a.kind),
                                                     CASE WHEN a.kind = 'border_violation' THEN 24 ELSE 72 END)),
       CASE WHEN a.status = 'acknowledged' THEN a.acknowledged_by_id END
  FROM lineage_alerts a
 WHERE a.status IN ('open', 'acknowledged') AND a.kind IN ('border_violation', 'region_unknown')
ON CONFLICT (kind, source_id) DO NOTHING;

-- Outside-grant accesses of the last 30 days, one item per person, tenant and UTC day.
INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at)
SELECT gen_random_uuid()::text, 'outside_grant_access', g.tenant_id, g.tenant_id || '|' || g.principal || '|' || g.day,
       LEFT(g.principal || ' (' || g.employer || ') accessed ' || t.name || '''s data outside any grant on ' || g.day, 300),
       (SELECT u.id FROM users u WHERE u.email = g.principal), 'open', g.first_at,
       g.first_at + make_interval(hours => COALESCE((SELECT s.hours FROM review_slas s WHERE s.kind = 'outside_grant_access'), 24))
  FROM (SELECT e.tenant_id, e.principal, to_char(e.time, 'YYYY-MM-DD') AS day, min(e.employer) AS employer,
               min(e.received_at) AS first_at
          FROM support_access_events e
         WHERE e.verdict = 'outside_grant' AND e.time > CURRENT_TIMESTAMP - interval '30 days'
         GROUP BY e.tenant_id, e.principal, to_char(e.time, 'YYYY-MM-DD')) g
  JOIN tenants t ON t.id = g.tenant_id
ON CONFLICT (kind, source_id) DO NOTHING;

INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at)
SELECT gen_random_uuid()::text, 'break_glass', r.tenant_id, r.id,
       LEFT('Emergency access to ' || t.name || ' (' || r.duration_minutes || ' min): ' || r.reason, 300),
       r.requester_id, 'open', COALESCE(r.decided_at, r.created_at),
       COALESCE(r.decided_at, r.created_at)
         + make_interval(hours => COALESCE((SELECT s.hours FROM review_slas s WHERE s.kind = 'break_glass'), 48))
  FROM support_requests r
  JOIN tenants t ON t.id = r.tenant_id
 WHERE r.break_glass AND r.confirmed_by_id IS NOT NULL AND r.reviewed_at IS NULL
ON CONFLICT (kind, source_id) DO NOTHING;

INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at)
SELECT gen_random_uuid()::text, 'subprocessor_change', NULL, c.id,
       LEFT(CASE c.kind WHEN 'add' THEN 'Add ' WHEN 'retire' THEN 'Retire ' ELSE 'Change ' END || (c.after ->> 'name')
            || CASE WHEN c.urgent_reason IS NOT NULL THEN ' (urgent)' ELSE '' END, 300),
       c.author_id, 'open', c.created_at,
       c.created_at + make_interval(hours => COALESCE((SELECT s.hours FROM review_slas s WHERE s.kind = 'subprocessor_change'), 120))
  FROM subprocessor_changes c
 WHERE c.state = 'proposed'
ON CONFLICT (kind, source_id) DO NOTHING;

INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at)
SELECT gen_random_uuid()::text, 'subprocessor_objection', o.tenant_id, o.id,
       LEFT(t.name || ' objects to '
            || CASE c.kind WHEN 'add' THEN 'New subprocessor' WHEN 'retire' THEN 'Subprocessor retired' ELSE 'Change to a subprocessor' END
            || ': ' || (c.after ->> 'name'), 300),
       o.raised_by_id, 'open', o.created_at,
       o.created_at + make_interval(hours => COALESCE((SELECT s.hours FROM review_slas s WHERE s.kind = 'subprocessor_objection'), 720))
  FROM subprocessor_objections o
  JOIN subprocessor_changes c ON c.id = o.change_id
  JOIN tenants t ON t.id = o.tenant_id
 WHERE o.state = 'open'
ON CONFLICT (kind, source_id) DO NOTHING;

INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at)
SELECT gen_random_uuid()::text, 'attestation', a.tenant_id, a.id,
       LEFT('Quarterly attestation ' || a.period_name || ' for ' || t.slug || ' (' || a.result || ')', 300),
       a.issued_by_id, 'open', a.issued_at,
       a.issued_at + make_interval(hours => COALESCE((SELECT s.hours FROM review_slas s WHERE s.kind = 'attestation'), 120))
  FROM attestations a
  JOIN tenants t ON t.id = a.tenant_id
 WHERE a.state = 'awaiting_review'
ON CONFLICT (kind, source_id) DO NOTHING;

INSERT INTO review_items (id, kind, tenant_id, source_id, title, author_id, state, opened_at, due_at)
SELECT gen_random_uuid()::text, 'scope_request', r.tenant_id, r.id,
       LEFT(u.name || ' (auditor of ' || t.name || ') asks for '
            || CASE r.access WHEN 'evidence' THEN 'full evidence' ELSE 'attestations' END || ' '
            || to_char(r.scope_from, 'YYYY-MM-DD') || ' to ' || to_char(r.scope_to, 'YYYY-MM-DD'), 300),
       r.requested_by_id, 'open', r.created_at,
       r.created_at + make_interval(hours => COALESCE((SELECT s.hours FROM review_slas s WHERE s.kind = 'scope_request'), 72))
  FROM auditor_scope_requests r
  JOIN tenants t ON t.id = r.tenant_id
  JOIN users u ON u.id = r.requested_by_id
 WHERE r.status = 'pending'
ON CONFLICT (kind, source_id) DO NOTHING;
