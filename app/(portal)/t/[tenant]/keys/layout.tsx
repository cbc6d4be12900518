import type { ReactNode } from "react";
import { listTenantKeys } from "@/modules/keys/server/tenant-keys";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

/**
 * The keys section's own gate, above its loading boundary, so that roles which may open the
 * tenant but not read its keys (compliance officers, provider admins) get a real 403. There is
 * no lighter keys.read check in lib/data, so the gate reads the key list; the page reads again.
 */
export default async function TenantKeysLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await params;
  const actor = await pageActor();
  const path = await requestPath();
  await pageCall(() => listTenantKeys(actor, tenant, { surface: "page", path }));
  return children;
}
