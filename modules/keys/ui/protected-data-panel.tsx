"use client";

import { useQuery } from "@tanstack/react-query";
import { Lock, LockOpen } from "lucide-react";
import { keysApi, keysQueryKeys, type Readable, type TenantContactView } from "@/modules/keys/client";
import { humanize } from "@/platform/format";

const STATE_WORDS: Record<string, string> = {
  disabled: "which is disabled",
  pending_deletion: "which is scheduled for deletion",
  destroyed: "which was destroyed",
  kms_unreachable: "whose key service cannot be reached",
  no_key: "whose data key no longer exists",
};

/**
 * Data encrypted under the tenant's key, read live: the contact people when the key works, the
 * reason in plain words when it does not. It shows the kill switch from the data's side.
 */
export function ProtectedDataPanel({ tenant, initial }: { tenant: string; initial: Readable<TenantContactView[]> }) {
  const { data, error } = useQuery({
    queryKey: keysQueryKeys.contacts(tenant),
    queryFn: () => keysApi.contacts(tenant),
    initialData: initial,
  });
  return (
    <section
      aria-labelledby="protected-data"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid="protected-data"
    >
      <div>
        <h2 id="protected-data" className="text-lg font-semibold">
          Protected data
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Your contact people, stored encrypted under your key and decrypted only when shown. Every read is a decrypt
          that counts on the timeline.
        </p>
      </div>
      <div aria-live="polite">
        {error ? (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            The protected data could not be loaded: {error.message}
          </p>
        ) : data.available ? (
          <div>
            <p className="mb-2 flex items-center gap-1.5 text-sm font-medium text-green-800 dark:text-green-300">
              <LockOpen aria-hidden className="size-4" /> Readable: your key is enabled.
            </p>
            {data.value.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No contact people recorded.</p>
            ) : (
              <div className="overflow-x-auto" tabIndex={0}>
                <table className="w-full text-sm" data-testid="contacts">
                  <caption className="sr-only">Contact people</caption>
                  <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="py-1 pr-3">
                        Purpose
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Name
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Email
                      </th>
                      <th scope="col" className="py-1">
                        Phone
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                    {data.value.map((c) => (
                      <tr key={`${c.purpose}-${c.email}`}>
                        <th scope="row" className="py-1 pr-3 text-left font-normal">
                          {humanize(c.purpose)}
                        </th>
                        <td className="py-1 pr-3">{c.name}</td>
                        <td className="py-1 pr-3">{c.email}</td>
                        <td className="py-1">{c.phone ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        ) : (
          <div
            className="flex items-start gap-3 rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            data-testid="protected-unavailable"
          >
            <Lock aria-hidden className="mt-0.5 size-5 shrink-0" />
            <div>
              <p className="font-semibold">
                Encrypted with your key, {STATE_WORDS[data.state] ?? "which cannot be used"}: not shown.
              </p>
              <p className="mt-1 text-sm">{data.reason}</p>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
