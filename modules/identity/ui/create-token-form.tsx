"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState, type FormEvent } from "react";
import { tokensApi, tokensQueryKeys } from "@/modules/identity/client";
import { Button } from "@/components/ui/button";

export interface TokenScopeOption {
  value: string | null;
  label: string;
}

/** Creates a token and shows its secret once, with a plain warning that it will not be shown again. */
export function CreateTokenForm({ user, scopes }: { user: string; scopes: TokenScopeOption[] }) {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (input: { name: string; tenant: string | null; expires_in_days: number }) =>
      tokensApi.create(user, input),
    onSuccess: (created) => {
      setSecret(created.secret);
      setCopied(false);
      void queryClient.invalidateQueries({ queryKey: tokensQueryKeys.tokens(user) });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scope = String(form.get("scope") ?? "");
    create.mutate({
      name: String(form.get("name") ?? ""),
      tenant: scope === "__provider" ? null : scope,
      expires_in_days: Number(form.get("days") ?? 90),
    });
  }

  if (scopes.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        You have no tenant membership or provider role in this region, so there is nothing a token could act on.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end"
        aria-label="Create an API token"
      >
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={80}
            placeholder="e.g. SIEM export"
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        <div>
          <label htmlFor="token-scope" className="block text-sm font-medium">
            Acts on
          </label>
          <select
            id="token-scope"
            name="scope"
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            {scopes.map((s) => (
              <option key={s.value ?? "__provider"} value={s.value ?? "__provider"}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="token-days" className="block text-sm font-medium">
            Expires in
          </label>
          <select
            id="token-days"
            name="days"
            defaultValue="90"
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="7">7 days</option>
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">1 year</option>
          </select>
        </div>
        <Button type="submit" variant="primary" size="md" loading={create.isPending} loadingText="Creating…">
          Create token
        </Button>
      </form>
      {create.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {create.error.message}
        </p>
      )}
      {secret && (
        <div
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950"
        >
          <p className="font-semibold">Copy this token now. It will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code
              className="flex-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900"
              data-testid="new-token-secret"
            >
              {secret}
            </code>
            <Button
              size="xs"
              onClick={() => {
                void navigator.clipboard?.writeText(secret);
                setCopied(true);
              }}
            >
              <Copy aria-hidden className="size-4" /> {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="mt-2 text-slate-600 dark:text-slate-400">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>. Anyone holding it acts as you on that tenant
            until it expires or you revoke it.
          </p>
        </div>
      )}
    </div>
  );
}
