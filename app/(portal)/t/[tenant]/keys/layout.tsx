import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The keys section's gate (keys.read), above its loading boundary, so that roles which may open
 * the tenant but not read its keys (compliance officers, provider admins) get a real 403.
 */
export default async function TenantKeysLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "keys.read");
  return children;
}
