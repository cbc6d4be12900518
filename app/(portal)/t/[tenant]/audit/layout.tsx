import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The audit log's gate (audit.read), above its loading boundary, so a role that may open the
 * tenant but not read its audit entries (provider admins) gets a real 403.
 */
export default async function TenantAuditLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "audit.read");
  return children;
}
