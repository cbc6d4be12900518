-- AlterTable
ALTER TABLE "audit_entries" ADD COLUMN "integrated_at" TIMESTAMP(3),
ADD COLUMN "leaf_index" BIGINT;

-- CreateTable
CREATE TABLE "audit_tree_nodes" (
    "level" INTEGER NOT NULL,
    "index" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_tree_nodes_pkey" PRIMARY KEY ("level","index")
);

-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "size" BIGINT NOT NULL,
    "root" BYTEA NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("size")
);

-- CreateTable
CREATE TABLE "audit_cosignatures" (
    "witness" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "line" TEXT NOT NULL,
    "cosigned_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_cosignatures_pkey" PRIMARY KEY ("witness","size")
);

-- CreateTable
CREATE TABLE "witnessed_logs" (
    "origin" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "verifier_key" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "root" BYTEA NOT NULL,
    "checkpoint" TEXT NOT NULL,
    "cosignature" TEXT NOT NULL,
    "checked_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "witnessed_logs_pkey" PRIMARY KEY ("region")
);

-- CreateTable
CREATE TABLE "integrity_events" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "subject" TEXT NOT NULL,
    "tree_size" BIGINT,
    "broken_at" BIGINT,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "integrity_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "region_signing_keys" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "public_key" BYTEA NOT NULL,
    "sealed_private_key" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMP(3),

    CONSTRAINT "region_signing_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_leaf_index_key" ON "audit_entries"("leaf_index");

-- CreateIndex
CREATE INDEX "audit_entries_action_seq_idx" ON "audit_entries"("action", "seq");

-- CreateIndex
CREATE INDEX "integrity_events_kind_at_idx" ON "integrity_events"("kind", "at");

-- CreateIndex
CREATE INDEX "region_signing_keys_purpose_idx" ON "region_signing_keys"("purpose");

-- Not expressible in the Prisma schema: the integrator's work queue, and one active key per purpose.
CREATE INDEX "audit_entries_pending_idx" ON "audit_entries"("seq") WHERE "leaf_index" IS NULL;
CREATE UNIQUE INDEX "region_signing_keys_active_key" ON "region_signing_keys"("purpose") WHERE "retired_at" IS NULL;

-- Entries are immutable: the only change ever allowed is integration, once, setting
-- leaf_index and integrated_at. Tree nodes and checkpoints are never changed or removed.
-- (Tamper detection does not rely on this: the signed tree does. This stops accidents.)
CREATE FUNCTION "audit_entries_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit entries are immutable (delete of entry %)', OLD.id;
  END IF;
  IF OLD.leaf_index IS NOT NULL OR NEW.leaf_index IS NULL
     OR (NEW.seq, NEW.id, NEW.at, NEW.region, NEW.actor_type, NEW.actor_id, NEW.actor_employer,
         NEW.actor_country, NEW.tenant_id, NEW.action, NEW.subject, NEW.outcome, NEW.details, NEW.salt)
        IS DISTINCT FROM
        (OLD.seq, OLD.id, OLD.at, OLD.region, OLD.actor_type, OLD.actor_id, OLD.actor_employer,
         OLD.actor_country, OLD.tenant_id, OLD.action, OLD.subject, OLD.outcome, OLD.details, OLD.salt) THEN
    RAISE EXCEPTION 'audit entries are immutable (update of entry %)', OLD.id;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "audit_entries_immutable" BEFORE UPDATE OR DELETE ON "audit_entries"
  FOR EACH ROW EXECUTE FUNCTION "audit_entries_immutable"();

CREATE FUNCTION "audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER "audit_tree_nodes_append_only" BEFORE UPDATE OR DELETE ON "audit_tree_nodes"
  FOR EACH ROW EXECUTE FUNCTION "audit_append_only"();
CREATE TRIGGER "audit_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "audit_append_only"();
CREATE TRIGGER "audit_entries_no_truncate" BEFORE TRUNCATE ON "audit_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_append_only"();
CREATE TRIGGER "audit_tree_nodes_no_truncate" BEFORE TRUNCATE ON "audit_tree_nodes"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_append_only"();
CREATE TRIGGER "audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_append_only"();
