import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { assertCanSeeTokens } from "@/modules/identity/server/api-tokens";
import { pageActor, pageCall, requestPath } from "@/platform/http/page";

/**
 * Another user's pages exist only for those allowed to see them: everyone else gets a real 404.
 * Your own (`me` or your id) are under /account; redirecting here, above the loading boundary,
 * makes that a real 307 rather than a streamed client-side redirect.
 */
export default async function UserLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ user: string }>;
}) {
  const { user } = await params;
  const actor = await pageActor();
  if (user === "me" || user === actor.userId) redirect((await requestPath()).replace(/^\/users\/[^/?]+/, "/account"));
  await pageCall(() => assertCanSeeTokens(actor, user));
  return children;
}
