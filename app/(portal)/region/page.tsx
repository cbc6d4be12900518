import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DrillsSummary } from "@/modules/drills/ui/drills-summary";
import { regionDrills } from "@/modules/drills/server/reads";
import { GovernanceSummaryCard } from "@/modules/governance/ui/governance-summary";
import { governanceSummary } from "@/modules/governance/server/summary";
import { LawfulAccessSummary } from "@/modules/lawful-access/ui/lawful-access-summary";
import { readRegister } from "@/modules/lawful-access/server/register";
import { DeskQueue } from "@/modules/reviews/ui/desk-queue";
import { reviewDeskSummary } from "@/modules/reviews/server/desk";
import { pageActor, pageCall } from "@/platform/http/page";
import { regionNavigation } from "@/platform/policy/navigation";
import { currentRegion } from "@/platform/region/registry";

export const metadata: Metadata = { title: "Compliance desk" };

/**
 * The compliance officer's home: the review queue, the region's governance figures, drills and
 * lawful-access requests on one page. Other staff have no desk and land on their first section.
 */
export default async function ComplianceDeskPage() {
  const actor = await pageActor();
  const nav = regionNavigation(actor, currentRegion().id);
  if (!nav.some((item) => item.key === "desk")) {
    const first = nav.find((item) => item.status === "available" && item.key !== "desk");
    if (first) redirect(first.href);
  }
  const [queue, governance, drills, register] = await Promise.all([
    pageCall(() => reviewDeskSummary(actor)),
    governanceSummary(actor),
    pageCall(() => regionDrills(actor)),
    pageCall(() => readRegister(actor, { state: "open" })),
  ]);
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-4 sm:p-6">
      <div>
        <h1 className="text-2xl font-semibold">Compliance desk</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          What waits for a compliance officer in {queue.region}: reviews, residency figures, drills and lawful-access
          requests.
        </p>
      </div>
      <DeskQueue summary={queue} />
      <GovernanceSummaryCard summary={governance} />
      <div className="grid gap-6 md:grid-cols-2">
        <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <DrillsSummary drills={drills.drills} />
        </div>
        <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <LawfulAccessSummary register={register} />
        </div>
      </div>
    </div>
  );
}
