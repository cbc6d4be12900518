import type { Metadata } from "next";
import { RegionIntegrityViewer } from "@/components/audit/region-integrity-view";
import { regionIntegrity } from "@/lib/data/integrity-panel";
import { pageActor, pageCall } from "@/lib/http/page";

export const metadata: Metadata = { title: "Log integrity" };

/** The region's log: size, witnesses, last verification, open alerts, peers' logs. */
export default async function RegionIntegrityPage() {
  const actor = await pageActor();
  const view = await pageCall(() => regionIntegrity(actor));
  return <RegionIntegrityViewer view={view} />;
}
