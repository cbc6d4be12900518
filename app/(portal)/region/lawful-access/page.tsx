import type { Metadata } from "next";
import { LawfulAccessRegisterView } from "@/modules/lawful-access/ui/register-view";
import { regionLawfulAccessPage } from "@/modules/lawful-access/server/page-data";
import { pageActor, pageCall } from "@/platform/http/page";

export const metadata: Metadata = { title: "Lawful access" };

/** The region's lawful-access register and transparency reports, for compliance officers. */
export default async function RegionLawfulAccessPage() {
  const actor = await pageActor();
  const data = await pageCall(() => regionLawfulAccessPage(actor));
  return <LawfulAccessRegisterView data={data} />;
}
