import type { Metadata } from "next";
import Link from "next/link";
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
      <div tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-sm">
          <caption className="sr-only">Tenants of this region</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
            <tr>
              <th scope="col" className="px-3 py-2">
                Tenant
              </th>
              <th scope="col" className="px-3 py-2">
                Organisation
              </th>
              <th scope="col" className="px-3 py-2">
                Tier
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Stores
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {tenants.map((t) => (
              <tr key={t.slug}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {actor.providerRole === "support_engineer" ? (
                    t.slug
                  ) : (
                    <Link className="text-brand-700 hover:underline dark:text-brand-100" href={`/t/${t.slug}`}>
                      {t.slug}
                    </Link>
                  )}
                  <div className="text-xs font-normal text-slate-500">{t.name}</div>
                </th>
                <td className="px-3 py-2">{t.organisation}</td>
                <td className="px-3 py-2">
                  <TierBadge tier={t.tier} />
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{t.stores}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
