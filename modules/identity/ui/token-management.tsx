import { CreateTokenForm, type TokenScopeOption } from "@/modules/identity/ui/create-token-form";
import { TokenList } from "@/modules/identity/ui/token-list";
import { QueryProvider } from "@/components/ui/query-provider";
import type { ApiTokenView } from "@/modules/identity/api-schemas";

interface Props {
  user: string;
  ownerLabel: string;
  own: boolean;
  tokens: ApiTokenView[];
  scopes: TokenScopeOption[];
}

export function TokenManagement({ user, ownerLabel, own, tokens, scopes }: Props) {
  return (
    <QueryProvider>
      <div className="mx-auto max-w-5xl space-y-8 p-6">
        <div>
          <h1 className="text-2xl font-semibold">API tokens{own ? "" : ` of ${ownerLabel}`}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
            A personal API token works on the tenant APIs exactly as you do in the browser, with your role, for one
            tenant. Only a hash is stored: the token is shown once, when it is created.
          </p>
        </div>
        {own && (
          <section
            aria-labelledby="create-token"
            className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          >
            <h2 id="create-token" className="mb-3 font-semibold">
              Create a token
            </h2>
            <CreateTokenForm user={user} scopes={scopes} />
          </section>
        )}
        <section aria-labelledby="existing-tokens">
          <h2 id="existing-tokens" className="mb-3 font-semibold">
            Tokens
          </h2>
          <TokenList user={user} initial={tokens} />
        </section>
      </div>
    </QueryProvider>
  );
}
