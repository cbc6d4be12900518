import type { Metadata } from "next";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";
import { tenantGovernanceForPage } from "@/modules/governance/server/section";
import { MetricsView, PeriodPicker } from "@/modules/governance/ui/metrics-view";

export const metadata: Metadata = { title: "Governance metrics" };

const text = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** The tenant's governance metrics for a period (?from=&to=, UTC days; default the last 30). */
export default async function GovernanceMetricsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, query] = await Promise.all([params, searchParams]);
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const asked = { from: text(query.from), to: text(query.to) };
  const { view, problem } = await pageCall(() => tenantGovernanceForPage(actor, tenant, asked, request));
  const csvHref = `/api/v1/tenants/${view.tenant.slug}/governance?from=${view.from}&to=${view.to}&format=csv`;
  return (
    <div className="space-y-6">
      <PeriodPicker view={view} today={view.generated_at.slice(0, 10)} problem={problem} csvHref={csvHref} />
      <MetricsView view={view} subject={view.tenant.name} />
    </div>
  );
}
