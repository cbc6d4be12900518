-- CreateTable
CREATE TABLE "peer_witness_keys" (
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "verifier_key" TEXT NOT NULL,
    "pinned_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "peer_witness_keys_pkey" PRIMARY KEY ("region")
);
