import type { ReactNode } from "react";
import { requestPath } from "@/lib/http/page";
import { readLineageSummary } from "./read";

/**
 * The lineage section's own gate (lineage.read), above its loading boundary, so roles that open
 * the tenant but may not read its lineage (auditors, provider admins) get a real 403.
 */
export default async function LineageLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  await readLineageSummary(tenant, await requestPath());
  return children;
}
