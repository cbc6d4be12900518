import type { Metadata } from "next";
import { pageActor, pageCall } from "@/platform/http/page";
import { queuePageData } from "@/modules/reviews/server/page";
import { QueuePage } from "@/modules/reviews/ui/queue-page";

export const metadata: Metadata = { title: "Review queue" };

/** The compliance officer's review queue, filtered by the URL's query. */
export default async function ReviewsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await pageActor();
  const query = await searchParams;
  const data = await pageCall(() => queuePageData(actor, query));
  return <QueuePage {...data} />;
}
