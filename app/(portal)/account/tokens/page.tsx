import type { Metadata } from "next";
import { TokenManagement } from "@/modules/identity/ui/token-management";
import { listApiTokens } from "@/modules/identity/server/api-tokens";
import { tokenScopesFor } from "@/modules/identity/server/token-scopes";
import { pageActor, pageCall } from "@/platform/http/page";

export const metadata: Metadata = { title: "API tokens" };

/** The signed-in user's own tokens. */
export default async function AccountTokensPage() {
  const actor = await pageActor();
  const [tokens, scopes] = await Promise.all([pageCall(() => listApiTokens(actor, "me")), tokenScopesFor(actor)]);
  return <TokenManagement user="me" ownerLabel={actor.name} own tokens={tokens} scopes={scopes} />;
}
