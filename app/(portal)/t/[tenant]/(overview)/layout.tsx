import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The overview's gate (tenant.read), above its loading boundary: the tenant frame opens for anyone
 * with a section here (a support engineer has Support access only), so the overview refuses with
 * a real 403 those who may not read it.
 */
export default async function TenantOverviewLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "tenant.read");
  return children;
}
