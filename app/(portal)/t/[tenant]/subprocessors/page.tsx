import type { Metadata } from "next";
import { TenantSubprocessorsView } from "@/modules/subprocessors/ui/tenant-view";
import { getTenantSubprocessors } from "@/modules/subprocessors/server/tenant-view";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Subprocessors" };

/** Active subprocessors and announced changes with the tenant's impact; objections. */
export default async function SubprocessorsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const view = await pageCall(() => getTenantSubprocessors(actor, tenant, request));
  return <TenantSubprocessorsView view={view} />;
}
