-- Quarterly attestations are drafted, then reviewed by a region compliance officer who did not ask
-- for them (four eyes) and published or rejected with a note (modules/attestations/server/review.ts).
ALTER TABLE attestations ADD COLUMN reviewed_by_id TEXT;
ALTER TABLE attestations ADD COLUMN reviewed_at TIMESTAMP(3);
ALTER TABLE attestations ADD COLUMN review_note TEXT;
