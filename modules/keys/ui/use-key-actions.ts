"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatDate, rotationPeriodLabel } from "@/modules/keys/ui/key-format";
import { keysApi, keysQueryKeys, type KeySummary } from "@/modules/keys/client";

/**
 * The lifecycle actions on one key. Each answer carries the key's new summary, which replaces
 * the cached one at once (no reload); what depends on the key's state — the protected data,
 * the receipts and the timeline — is fetched again. `announce` tells the page what happened.
 */
export function useKeyActions(tenant: string, keyId: string, announce: (message: string) => void) {
  const client = useQueryClient();

  function applied(key: KeySummary, message: string) {
    client.setQueryData<{ tenant: string; keys: KeySummary[] }>(keysQueryKeys.list(tenant), (old) =>
      old ? { ...old, keys: old.keys.map((k) => (k.id === key.id ? key : k)) } : old,
    );
    void client.invalidateQueries({ queryKey: keysQueryKeys.contacts(tenant) });
    void client.invalidateQueries({ queryKey: keysQueryKeys.receipts(tenant, keyId) });
    void client.invalidateQueries({ queryKey: keysQueryKeys.timelines(tenant) });
    announce(message);
  }

  return {
    rotate: useMutation({
      mutationFn: () => keysApi.rotate(tenant, keyId),
      onSuccess: (r) =>
        applied(r.key, `Rotation started: version ${r.rotation.to_version} is now the current version.`),
    }),
    setPeriod: useMutation({
      mutationFn: (days: number) => keysApi.setRotationPeriod(tenant, keyId, days),
      onSuccess: (r) =>
        applied(
          r.key,
          `Automatic rotation every ${rotationPeriodLabel(r.key.rotation_period_days)}; next on ${formatDate(r.key.next_rotation_at)}.`,
        ),
    }),
    disable: useMutation({
      mutationFn: (confirm: string) => keysApi.disable(tenant, keyId, confirm),
      onSuccess: (r) =>
        applied(
          r.key,
          "Key disabled. Every decrypt of this tenant's data now fails closed; the revocation receipt follows.",
        ),
    }),
    enable: useMutation({
      mutationFn: () => keysApi.enable(tenant, keyId),
      onSuccess: (r) => applied(r.key, "Key enabled. Your data can be decrypted again."),
    }),
    scheduleDeletion: useMutation({
      mutationFn: (input: { confirm: string; days: number }) => keysApi.scheduleDeletion(tenant, keyId, input),
      onSuccess: (r) =>
        applied(
          r.key,
          `Deletion scheduled: the key will be destroyed on ${r.key.deletion_due_at ? formatDate(r.key.deletion_due_at) : "the set date"}.`,
        ),
    }),
    cancelDeletion: useMutation({
      mutationFn: () => keysApi.cancelDeletion(tenant, keyId),
      onSuccess: (r) => applied(r.key, "Deletion cancelled. The key stays disabled until you enable it."),
    }),
  };
}

export type KeyActions = ReturnType<typeof useKeyActions>;
