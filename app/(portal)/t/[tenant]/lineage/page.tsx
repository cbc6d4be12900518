import type { Metadata } from "next";
import { LineageView } from "@/components/lineage/lineage-view";
import { requestPath } from "@/lib/http/page";
import { readLineage } from "./read";

export const metadata: Metadata = { title: "Lineage" };

/** The tenant's lineage graph: datasets and jobs by region, and how each border-crossing flow was judged. */
export default async function LineagePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const graph = await readLineage(tenant, await requestPath());
  return <LineageView tenant={tenant} graph={graph} />;
}
