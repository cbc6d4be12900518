import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The lineage section's gate (lineage.read), above its loading boundary, so roles that open
 * the tenant but may not read its lineage (auditors, provider admins) get a real 403.
 */
export default async function LineageLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "lineage.read");
  return children;
}
