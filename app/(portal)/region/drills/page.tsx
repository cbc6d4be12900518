import type { Metadata } from "next";
import { RegionDrillsView } from "@/modules/drills/ui/region-drills";
import { regionDrills } from "@/modules/drills/server/reads";
import { pageActor, pageCall } from "@/platform/http/page";

export const metadata: Metadata = { title: "Drills" };

/** The region's residency drills across tenants (failures first) and the schedule. */
export default async function RegionDrillsPage() {
  const actor = await pageActor();
  const view = await pageCall(() => regionDrills(actor));
  return (
    <div className="mx-auto max-w-6xl space-y-4 p-4 sm:p-6">
      <h1 className="text-2xl font-semibold">Residency drills</h1>
      <RegionDrillsView view={view} />
    </div>
  );
}
