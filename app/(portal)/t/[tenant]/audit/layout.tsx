import type { ReactNode } from "react";
import { authorizeTenantAudit } from "@/modules/audit/server/integrity-panel";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

/**
 * The audit log's own gate, above its loading boundary, so a role that may open the tenant but
 * not read its audit entries (provider admins) gets a real 403. The page authorizes again.
 */
export default async function TenantAuditLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await params;
  const actor = await pageActor();
  const path = await requestPath();
  await pageCall(() => authorizeTenantAudit(actor, tenant, { surface: "page", path }));
  return children;
}
