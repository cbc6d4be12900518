import type { Metadata } from "next";
import { KeysView } from "@/modules/keys/ui/keys-view";
import { listTenantContactsIfAllowed } from "@/modules/tenants/server/contacts";
import { listTenantKeys } from "@/modules/keys/server/tenant-keys";
import { getTenantShell } from "@/modules/tenants/server/shell";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";
import { currentRegion } from "@/platform/region/registry";

export const metadata: Metadata = { title: "Keys" };

/** The tenant's customer master keys, their receipts and timeline, and data encrypted under them. */
export default async function TenantKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const [{ keys }, contacts, shell] = await Promise.all([
    pageCall(() => listTenantKeys(actor, tenant, request)),
    pageCall(() => listTenantContactsIfAllowed(actor, tenant, request)),
    pageCall(() => getTenantShell(actor, tenant, request)),
  ]);
  // Presentation only: controls show for the tenant's admins; every action is authorized
  // again (keys.manage) by the API it calls.
  const canManage = shell.role === "customer_admin";
  return <KeysView tenant={tenant} region={currentRegion().id} canManage={canManage} keys={keys} contacts={contacts} />;
}
