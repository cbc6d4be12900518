-- The job queue moved to pg-boss (schema "pgboss", installed by pg-boss itself when the region
-- database opens). Jobs still waiting in the old table are carried over by the code that asks
-- for them again: rotations are found due by the once-a-minute scan, and a pending deletion is
-- queued again at start-up (modules/keys/server/destruction.ts, requeueDueDeletions).
DROP TABLE IF EXISTS jobs;
