import type { Metadata } from "next";
import { ObjectionsQueue } from "@/modules/subprocessors/ui/objections-queue";
import { listRegionObjections } from "@/modules/subprocessors/server/objection-queue";
import { pageActor, pageCall } from "@/platform/http/page";

export const metadata: Metadata = { title: "Objections" };

/** Customers' objections to announced subprocessor changes: open ones to resolve, then the history. */
export default async function SubprocessorObjectionsPage() {
  const actor = await pageActor();
  const view = await pageCall(() => listRegionObjections(actor, {}));
  return <ObjectionsQueue view={view} />;
}
