import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The Drills tab's gate (drills.read): the tenant's admins and viewers and the region's compliance
 * officers. The Governance section's layout opens for anyone with one of its tabs; this one is narrower.
 */
export default async function DrillsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "drills.read");
  return children;
}
