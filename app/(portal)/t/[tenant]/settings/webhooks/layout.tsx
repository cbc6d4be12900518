import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The webhook settings' gate (webhooks.read: the tenant's admins), above the loading boundary,
 * so that everyone else who may open the tenant gets a real 403.
 */
export default async function TenantWebhooksLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "webhooks.read");
  return children;
}
