import type { Metadata } from "next";
import { TenantAuditView } from "@/modules/audit/ui/tenant-audit-view";
import { parseAuditSearch } from "@/modules/audit/domain/filter";
import { tenantIntegrityPanel } from "@/modules/audit/server/integrity-panel";
import { listTenantAudit } from "@/modules/audit/server/tenant-audit";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The tenant's audit entries (filters and page in the URL) and the integrity of the region's log. */
export default async function TenantAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: SearchParams;
}) {
  const { tenant } = await params;
  const filter = parseAuditSearch(await searchParams);
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const { query } = filter;
  const log = query
    ? await pageCall(() =>
        listTenantAudit(
          actor,
          tenant,
          {
            limit: query.limit,
            ...(query.action ? { action: query.action } : {}),
            ...(query.actor ? { actor: query.actor } : {}),
            ...(query.who ? { who: query.who } : {}),
            ...(query.from ? { from: new Date(query.from) } : {}),
            ...(query.to ? { to: new Date(query.to) } : {}),
            ...(query.cursor ? { cursor: query.cursor } : {}),
          },
          request,
        ),
      )
    : null;
  const integrity = await pageCall(() => tenantIntegrityPanel(actor, tenant, request));
  return <TenantAuditView tenant={tenant} filter={filter} log={log} integrity={integrity} />;
}
