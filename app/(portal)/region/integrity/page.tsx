import type { Metadata } from "next";
import { RegionIntegrityViewer } from "@/modules/audit/ui/region-integrity-view";
import { regionIntegrity } from "@/modules/audit/server/integrity-panel";
import { pageActor, pageCall } from "@/platform/http/page";

export const metadata: Metadata = { title: "Log integrity" };

/** The region's log: size, witnesses, last verification, open alerts, peers' logs. */
export default async function RegionIntegrityPage() {
  const actor = await pageActor();
  const view = await pageCall(() => regionIntegrity(actor));
  return <RegionIntegrityViewer view={view} />;
}
