import type { Metadata } from "next";
import { WebhooksView } from "@/modules/notifications/ui/webhooks-view";
import { listWebhooks } from "@/modules/notifications/server/webhooks";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

export const metadata: Metadata = { title: "Webhooks" };

/** The tenant's webhook endpoints: add, test, disable and enable them, and read their delivery log. */
export default async function TenantWebhooksPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const actor = await pageActor();
  const request = { surface: "page", path: await requestPath() } as const;
  const list = await pageCall(() => listWebhooks(actor, tenant, request));
  return <WebhooksView tenant={tenant} initial={list} />;
}
