import type { ReactNode } from "react";
import { requestPath } from "@/platform/http/page";
import { readLineage } from "./read";

/**
 * The lineage section's own gate (lineage.read), above its loading boundary, so roles that open
 * the tenant but may not read its lineage (auditors, provider admins) get a real 403.
 */
export default async function LineageLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await params;
  await readLineage(tenant, await requestPath(), "summary");
  return children;
}
