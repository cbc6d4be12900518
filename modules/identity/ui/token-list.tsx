"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ApiTokenView } from "@/modules/identity/server/api-tokens";
import { tokensApi, tokensQueryKeys } from "@/modules/identity/client";
import { formatDateTime } from "@/platform/format";

const STATE_STYLE: Record<ApiTokenView["state"], string> = {
  active: "bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-200",
  expired: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
  revoked: "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200",
};

function RevokeButton({ user, token }: { user: string; token: ApiTokenView }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: () => tokensApi.revoke(user, token.id),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: tokensQueryKeys.tokens(user) });
    },
  });
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950">
        Revoke<span className="sr-only"> token {token.name}</span>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,90vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl dark:bg-slate-900">
          <Dialog.Title className="text-lg font-semibold">Revoke “{token.name}”?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            Every script or integration using this token ({token.prefix}…) is refused from its next request. This cannot
            be undone; you would create a new token instead.
          </Dialog.Description>
          {revoke.error && (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {revoke.error.message}
            </p>
          )}
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">
              Keep it
            </Dialog.Close>
            <button
              type="button"
              onClick={() => revoke.mutate()}
              disabled={revoke.isPending}
              className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
            >
              {revoke.isPending ? "Revoking…" : "Revoke token"}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function TokenList({ user, initial }: { user: string; initial: ApiTokenView[] }) {
  const { data, error } = useQuery({
    queryKey: tokensQueryKeys.tokens(user),
    queryFn: () => tokensApi.list(user),
    initialData: { tokens: initial },
  });
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (data.tokens.length === 0) return <p className="text-sm text-slate-500">No tokens yet.</p>;
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-sm" data-testid="token-table">
        <caption className="sr-only">API tokens</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              Acts on
            </th>
            <th scope="col" className="px-3 py-2">
              State
            </th>
            <th scope="col" className="px-3 py-2">
              Expires
            </th>
            <th scope="col" className="px-3 py-2">
              Last used
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {data.tokens.map((t) => (
            <tr key={t.id}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {t.name}
                <div className="font-mono text-xs font-normal text-slate-500">{t.prefix}…</div>
              </th>
              <td className="px-3 py-2">{t.tenant ?? "Provider scope"}</td>
              <td className="px-3 py-2">
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLE[t.state]}`}>{t.state}</span>
              </td>
              <td className="px-3 py-2">{formatDateTime(t.expiresAt)}</td>
              <td className="px-3 py-2">{formatDateTime(t.lastUsedAt)}</td>
              <td className="px-3 py-2 text-right">{t.state === "active" && <RevokeButton user={user} token={t} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
