import type { Metadata } from "next";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";
import { listTenantReviews } from "@/modules/reviews/server/tenant-view";
import { TenantReviews } from "@/modules/reviews/ui/tenant-reviews";

export const metadata: Metadata = { title: "Review items" };

/** The compliance review items about the tenant, and their outcomes. */
export default async function TenantReviewsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const view = await pageCall(() => listTenantReviews(actor, tenant, request));
  return <TenantReviews view={view} />;
}
