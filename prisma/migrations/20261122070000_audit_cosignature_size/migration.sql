-- Every checkpoint, proof and tlog-proof request looks cosignatures up by size; the primary key
-- leads with the witness, so without this index each of those requests scans the whole table.
CREATE INDEX "audit_cosignatures_size_idx" ON "audit_cosignatures"("size");
