-- An ingest token may be bound to one tenant (docs/lineage.md#stock-producers): OpenLineage events
-- it sends without a terrane_tenant facet are that tenant's, and a facet naming another tenant is
-- refused. NULL: an unbound token, whose events name their tenant (facet or job-namespace rule).
ALTER TABLE "ingest_tokens" ADD COLUMN "tenant_id" TEXT;

-- AddForeignKey
ALTER TABLE "ingest_tokens" ADD CONSTRAINT "ingest_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
