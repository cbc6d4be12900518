-- When a refused change on a tenant was last recorded in its audit log, per actor, tenant and
-- attempted action: the rate limit of `access.denied` entries (one per minute each), shared by
-- every replica of the region. Overwritten in place, so a flood of refusals adds no rows.
CREATE TABLE "denied_access_marks" (
    "actor_id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "denied_access_marks_pkey" PRIMARY KEY ("actor_id","tenant_id","action")
);
