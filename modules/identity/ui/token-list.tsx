"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ApiTokenView } from "@/modules/identity/api-schemas";
import { tokensApi, tokensQueryKeys } from "@/modules/identity/client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SortableTable } from "@/components/ui/sortable-table";
import type { Column } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

const STATE_TONE: Record<ApiTokenView["state"], BadgeTone> = {
  active: "success",
  expired: "neutral",
  revoked: "danger",
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
    <ConfirmDialog
      trigger={
        <>
          Revoke<span className="sr-only"> token {token.name}</span>
        </>
      }
      triggerSize="xs"
      tone="danger"
      title={`Revoke “${token.name}”?`}
      description={`Every script or integration using this token (${token.prefix}…) is refused from its next request. This cannot be undone; you would create a new token instead.`}
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      cancelLabel="Keep it"
      pending={revoke.isPending}
      error={revoke.error?.message ?? null}
      open={open}
      onOpenChange={(next) => {
        if (next) revoke.reset();
        setOpen(next);
      }}
      onConfirm={() => revoke.mutate()}
    />
  );
}

const COLUMNS: Column<ApiTokenView>[] = [
  {
    key: "name",
    header: "Name",
    rowHeader: true,
    className: "font-medium",
    sortValue: (t) => t.name,
    cell: (t) => (
      <>
        {t.name}
        <div className="font-mono text-xs font-normal text-slate-500">{t.prefix}…</div>
      </>
    ),
  },
  { key: "tenant", header: "Acts on", sortValue: (t) => t.tenant ?? "", cell: (t) => t.tenant ?? "Provider scope" },
  {
    key: "state",
    header: "State",
    sortValue: (t) => t.state,
    cell: (t) => <Badge tone={STATE_TONE[t.state]}>{t.state}</Badge>,
  },
  {
    key: "expires",
    header: "Expires",
    sortValue: (t) => t.expires_at,
    cell: (t) => <Time iso={t.expires_at} />,
  },
  {
    key: "used",
    header: "Last used",
    sortValue: (t) => t.last_used_at,
    cell: (t) => <Time iso={t.last_used_at} />,
  },
];

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
  return (
    <SortableTable
      data-testid="token-table"
      caption="API tokens"
      rows={data.tokens}
      rowKey={(t) => t.id}
      empty="No tokens yet."
      columns={[
        ...COLUMNS,
        {
          key: "actions",
          header: "",
          srHeader: "Actions",
          align: "right",
          cell: (t) => t.state === "active" && <RevokeButton user={user} token={t} />,
        },
      ]}
    />
  );
}
