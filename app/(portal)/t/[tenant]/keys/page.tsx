import type { Metadata } from "next";
import { KeysView } from "@/modules/keys/ui/keys-view";
import { listTenantContactsIfAllowed } from "@/modules/tenants/server/contacts";
import { listTenantKeys } from "@/modules/keys/server/tenant-keys";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";
import { currentRegion } from "@/platform/region/registry";

export const metadata: Metadata = { title: "Keys" };

/** The tenant's customer master keys, their receipts and timeline, and data encrypted under them. */
export default async function TenantKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const [{ keys, tier, allowed_actions }, contacts] = await Promise.all([
    pageCall(() => listTenantKeys(actor, tenant, request)),
    pageCall(() => listTenantContactsIfAllowed(actor, tenant, request)),
  ]);
  // The controls show from the policy's answer (allowed_actions); every action is authorized
  // again by the API it calls.
  return (
    <KeysView
      tenant={tenant}
      region={currentRegion().id}
      allowedActions={allowed_actions}
      tier={tier}
      keys={keys}
      contacts={contacts}
    />
  );
}
