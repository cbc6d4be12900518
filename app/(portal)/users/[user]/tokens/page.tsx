import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TokenManagement } from "@/modules/identity/ui/token-management";
import { listApiTokens } from "@/modules/identity/server/api-tokens";
import { pageActor, pageCall } from "@/platform/http/page";

export const metadata: Metadata = { title: "API tokens" };

/** Another user's tokens: provider admins only (incident response). Anyone else gets 404. */
export default async function UserTokensPage({ params }: { params: Promise<{ user: string }> }) {
  const { user } = await params;
  const actor = await pageActor();
  if (user === "me" || user === actor.userId) redirect("/account/tokens");
  const tokens = await pageCall(() => listApiTokens(actor, user));
  return <TokenManagement user={user} ownerLabel="this user" own={false} tokens={tokens} scopes={[]} />;
}
