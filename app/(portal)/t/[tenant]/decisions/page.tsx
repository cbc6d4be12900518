import type { Metadata } from "next";
import { DecisionsView } from "@/modules/sharing/ui/decisions-view";
import { listDecisions } from "@/modules/sharing/server/read";
import { sharingMatrix } from "@/modules/sharing/server/matrix";
import { parseDraftPrefill } from "@/modules/sharing/domain/draft-prefill";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Sharing decisions" };

/**
 * The tenant's sharing decisions: the matrix, each decision's versions and workflow, and the
 * compiled policy. `?propose=1&data_class=…&to_kind=…&to=…` (from a lineage violation) opens the
 * new-draft form prefilled, or the decision that exists already for that class and destination.
 */
export default async function DecisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const prefill = parseDraftPrefill(await searchParams);
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  // What each person may do comes with the data (allowed_actions), decided by the policy.
  const [matrix, list] = await Promise.all([
    pageCall(() => sharingMatrix(actor, tenant, undefined, request)),
    pageCall(() => listDecisions(actor, tenant, "all", request)),
  ]);
  return <DecisionsView tenant={tenant} matrix={matrix} list={list} prefill={prefill} />;
}
