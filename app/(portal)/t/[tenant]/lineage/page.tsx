import type { Metadata } from "next";
import { isLarge } from "@/modules/lineage/ui/build-flow";
import { LineageView } from "@/modules/lineage/ui/lineage-view";
import { requestPath } from "@/platform/http/page";
import { readLineage } from "./read";

export const metadata: Metadata = { title: "Lineage" };

/**
 * The tenant's lineage graph: datasets and jobs by region, and how each border-crossing flow was
 * judged. A large graph starts with every region collapsed, so the page sends only the summary
 * (kilobytes, not the megabytes of 5,000 nodes in the RSC payload); the client fetches the whole
 * graph when someone expands a region or searches. A small graph is sent whole, as it is drawn.
 */
export default async function LineagePage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const path = await requestPath();
  const summary = await readLineage(tenant, path, "summary");
  const graph = isLarge(summary) ? summary : await readLineage(tenant, path, "full");
  return <LineageView tenant={tenant} graph={graph} />;
}
