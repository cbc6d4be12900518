import type { Metadata } from "next";
import { pageActor, pageCall } from "@/platform/http/page";
import { regionGovernanceForPage } from "@/modules/governance/server/section";
import { RegionGovernance } from "@/modules/governance/ui/region-view";

export const metadata: Metadata = { title: "Region governance" };

const text = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** The region's governance metrics for a period, and each tenant's headline figures. */
export default async function RegionGovernancePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const actor = await pageActor();
  const asked = { from: text(query.from), to: text(query.to) };
  const { view, problem } = await pageCall(() => regionGovernanceForPage(actor, asked));
  return <RegionGovernance view={view} problem={problem} />;
}
