import type { ReactNode } from "react";
import { sharingMatrix } from "@/modules/sharing/server/matrix";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

/**
 * The decisions section's own gate (decisions.read), above its loading boundary, so roles that
 * open the tenant but may not read its decisions (auditors, provider admins) get a real 403.
 */
export default async function DecisionsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await params;
  const actor = await pageActor();
  const path = await requestPath();
  await pageCall(() => sharingMatrix(actor, tenant, undefined, { surface: "page", path }));
  return children;
}
