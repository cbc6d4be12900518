import type { Metadata } from "next";
import { RegisterViewer } from "@/modules/subprocessors/ui/register-view";
import { registerChoices } from "@/modules/subprocessors/server/catalogue";
import { readRegister } from "@/modules/subprocessors/server/register";
import { pageActor, pageCall } from "@/platform/http/page";
import { currentRegion } from "@/platform/region/registry";

export const metadata: Metadata = { title: "Subprocessor register" };

/** Provider admins propose changes to the register; compliance officers review them. */
export default async function RegionSubprocessorsPage() {
  const actor = await pageActor();
  const [view, choices] = await pageCall(() => Promise.all([readRegister(actor, {}), registerChoices(actor)]));
  const region = currentRegion();
  return <RegisterViewer view={view} choices={choices} regionName={region.name} />;
}
