import type { Metadata } from "next";
import { DecisionsView } from "@/modules/sharing/ui/decisions-view";
import { listDecisions } from "@/modules/sharing/server/read";
import { sharingMatrix } from "@/modules/sharing/server/matrix";
import { getTenantShell } from "@/modules/tenants/server/shell";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Sharing decisions" };

/** The tenant's sharing decisions: the matrix, each decision's versions and workflow, and the compiled policy. */
export default async function DecisionsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const [matrix, list, shell] = await Promise.all([
    pageCall(() => sharingMatrix(actor, tenant, undefined, request)),
    pageCall(() => listDecisions(actor, tenant, "all", request)),
    pageCall(() => getTenantShell(actor, tenant, request)),
  ]);
  // Presentation only: which buttons show. Every step is authorized again by the API it calls.
  const role = actor.providerRole ?? shell.role;
  return <DecisionsView tenant={tenant} role={role} userId={actor.userId} matrix={matrix} list={list} />;
}
