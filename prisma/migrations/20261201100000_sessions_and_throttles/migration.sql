-- Throttling without lock-out: keys are no longer e-mail addresses verbatim (see modules/identity/server/sign-in.ts),
-- so the old rows mean nothing any more and are dropped with the lock column.
DELETE FROM "sign_in_throttles";
ALTER TABLE "sign_in_throttles" DROP COLUMN "locked_until";
ALTER TABLE "sign_in_throttles" ADD COLUMN "blocked_until" TIMESTAMP(3);
ALTER TABLE "sign_in_throttles" ADD COLUMN "expires_at" TIMESTAMP(3) NOT NULL;
CREATE INDEX "sign_in_throttles_expires_at_idx" ON "sign_in_throttles"("expires_at");

-- Server-side session records: a session cookie is honoured only while its record is live.
CREATE TABLE "user_sessions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "revoked_at" TIMESTAMP(3),
    "revoked_reason" TEXT,

    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions"("user_id");
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
