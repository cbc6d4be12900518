import type { Metadata } from "next";
import { listAttestations } from "@/modules/attestations/server/reads";
import { AttestationsView } from "@/modules/attestations/ui/attestations-view";
import { pageTenantShell } from "@/modules/tenants/server/shell";
import { pageActor, pageCall, pageOrigin } from "@/platform/http/page";

export const metadata: Metadata = { title: "Attestations" };

/** The tenant's signed residency attestations, and issuing one for a period that has ended. */
export default async function AttestationsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = await pageOrigin();
  const [shell, list] = await Promise.all([
    pageTenantShell(tenant),
    pageCall(() => listAttestations(actor, tenant, request)),
  ]);
  return (
    <AttestationsView
      tenant={{ slug: shell.tenant.slug, name: shell.tenant.name }}
      list={list}
      now={new Date().toISOString()}
    />
  );
}
