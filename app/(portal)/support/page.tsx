import type { Metadata } from "next";
import { MySupportView } from "@/modules/support/ui/my-support-view";
import { myRequests } from "@/modules/support/server/desk";
import { pageActor, pageCall } from "@/platform/http/page";

export const metadata: Metadata = { title: "My support access" };

/** A support engineer's requests and grants across the tenants homed in this region. */
export default async function MySupportPage() {
  const actor = await pageActor();
  const data = await pageCall(() => myRequests(actor));
  return <MySupportView data={data} />;
}
