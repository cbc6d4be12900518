import type { Metadata } from "next";
import Link from "next/link";
import { Table } from "@/components/ui/table";
import { TierBadge } from "@/modules/tenants/ui/tier-badge";
import { listRegionTenants } from "@/modules/tenants/server/directory";
import { pageActor, pageCall } from "@/platform/http/page";
import { currentRegion } from "@/platform/region/registry";

export const metadata: Metadata = { title: "Region tenants" };

/** Provider staff: the tenants homed in this region. */
export default async function RegionTenantsPage() {
  const actor = await pageActor();
  const tenants = await pageCall(() => listRegionTenants(actor));
  return (
    <div className="mx-auto max-w-5xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Tenants homed in {currentRegion().id}</h1>
      <Table
        caption="Tenants of this region"
        rows={tenants}
        rowKey={(t) => t.slug}
        empty="No tenant is homed in this region yet."
        columns={[
          {
            key: "tenant",
            header: "Tenant",
            rowHeader: true,
            className: "font-medium",
            cell: (t) => (
              <>
                {t.allowed_actions.includes("tenant.read") ? (
                  <Link className="text-brand-700 hover:underline dark:text-brand-100" href={`/t/${t.slug}`}>
                    {t.slug}
                  </Link>
                ) : (
                  t.slug
                )}
                <div className="text-xs font-normal text-slate-500">{t.name}</div>
              </>
            ),
          },
          { key: "organisation", header: "Organisation", cell: (t) => t.organisation },
          { key: "tier", header: "Tier", cell: (t) => <TierBadge tier={t.tier} /> },
          { key: "stores", header: "Stores", align: "right", cell: (t) => t.stores },
        ]}
      />
    </div>
  );
}
