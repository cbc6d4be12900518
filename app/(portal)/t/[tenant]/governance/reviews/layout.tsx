import type { ReactNode } from "react";
import { sectionGate } from "@/platform/http/page";

/**
 * The Review items tab's gate (reviews.read): the tenant's admins and viewers, and compliance
 * officers. The Governance section's layout opens for anyone with one of its tabs; this one is narrower.
 */
export default async function TenantReviewsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  await sectionGate((await params).tenant, "reviews.read");
  return children;
}
