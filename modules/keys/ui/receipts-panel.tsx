"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, Download, Loader2, ShieldCheck } from "lucide-react";
import { formatSeconds } from "@/modules/keys/ui/key-format";
import { keysApi, keysQueryKeys, type ReceiptView } from "@/modules/keys/client";
import { formatDateTime } from "@/platform/format";

/** "12:04:05.123 UTC": probe times differ by milliseconds, so minutes would hide them. */
function preciseTime(iso: string): string {
  return `${iso.slice(11, 23)} UTC`;
}

/** Saves the receipt as the CLI reads it: `{ body, signature }`, verifiable offline. */
function downloadReceipt(tenant: string, receipt: ReceiptView): void {
  const json = `${JSON.stringify({ body: receipt.body, signature: receipt.signature }, null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${tenant}-revocation-${receipt.id}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function Headline({ receipt }: { receipt: ReceiptView }) {
  if (receipt.status === "pending") {
    return (
      <p className="flex items-center gap-2 text-lg font-semibold">
        <Loader2 aria-hidden className="size-5 animate-spin" />
        Confirming revocation: {receipt.instances.length} of {receipt.expected_instances} instances have stopped
        decrypting…
      </p>
    );
  }
  const missing = Array.isArray((receipt.body as { missing?: unknown } | null)?.missing)
    ? (receipt.body as { missing: string[] }).missing
    : [];
  if (receipt.status === "complete" && receipt.max_ms !== null) {
    return (
      <p
        className="flex items-center gap-2 text-2xl font-bold text-green-800 dark:text-green-300"
        data-testid="receipt-headline"
      >
        <ShieldCheck aria-hidden className="size-7" /> Revoked everywhere in {formatSeconds(receipt.max_ms)}
      </p>
    );
  }
  return (
    <div data-testid="receipt-headline">
      <p className="flex items-center gap-2 text-xl font-bold text-amber-900 dark:text-amber-200">
        <AlertTriangle aria-hidden className="size-6" /> Not confirmed everywhere
      </p>
      <p className="mt-1 text-sm">
        {missing.length} of {receipt.expected_instances} instances did not report a failed decrypt in time
        {missing.length ? `: ${missing.join(", ")}` : ""}.
        {receipt.max_ms !== null ? ` The others stopped within ${formatSeconds(receipt.max_ms)}.` : ""}
      </p>
    </div>
  );
}

function ReceiptDetails({ tenant, receipt, live = false }: { tenant: string; receipt: ReceiptView; live?: boolean }) {
  return (
    <div className="space-y-3" data-testid={live ? "receipt" : "earlier-receipt"} data-status={receipt.status}>
      {/* Only the newest receipt's headline is live: it is what changes while polling. */}
      <div aria-live={live ? "polite" : undefined}>
        <Headline receipt={receipt} />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Disabled at {formatDateTime(receipt.disabled_at)}. Status:{" "}
        <strong data-testid="receipt-status">{receipt.status}</strong>
        {receipt.completed_at ? `, signed ${formatDateTime(receipt.completed_at)}` : ""}.
      </p>
      {receipt.instances.length > 0 && (
        <div className="overflow-x-auto" tabIndex={0}>
          <table className="w-full text-sm">
            <caption className="sr-only">When each instance&apos;s decrypt probe failed</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Instance
                </th>
                <th scope="col" className="py-1 pr-3">
                  Decrypt failed at
                </th>
                <th scope="col" className="py-1 pr-3">
                  After
                </th>
                <th scope="col" className="py-1">
                  Probes
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {receipt.instances.map((i) => (
                <tr key={i.instance}>
                  <th scope="row" className="py-1 pr-3 text-left font-mono text-xs font-normal">
                    {i.instance}
                  </th>
                  <td className="py-1 pr-3">{preciseTime(i.failed_at)}</td>
                  <td className="py-1 pr-3">{formatSeconds(i.ms)}</td>
                  <td className="py-1">{i.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {receipt.body && receipt.signature && (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            onClick={() => downloadReceipt(tenant, receipt)}
            className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            <Download aria-hidden className="size-4" /> Download signed receipt
          </button>
          <span className="text-xs text-slate-600 dark:text-slate-400">
            Signed by the region ({receipt.signature.alg}). Check it offline:{" "}
            <code className="font-mono">npx terrane verify &lt;file&gt; --key &lt;the region&apos;s log key&gt;</code>
          </span>
        </div>
      )}
    </div>
  );
}

/**
 * Revocation receipts of one key: after a disable, every instance runs a decrypt probe; the
 * newest receipt is polled every second until it is signed, then shown with how long it took.
 */
export function ReceiptsPanel({ tenant, keyId }: { tenant: string; keyId: string }) {
  const { data, error, isPending } = useQuery({
    queryKey: keysQueryKeys.receipts(tenant, keyId),
    queryFn: () => keysApi.receipts(tenant, keyId),
    refetchInterval: (query) => (query.state.data?.receipts.some((r) => r.status === "pending") ? 1_000 : false),
  });
  const [latest, ...earlier] = data?.receipts ?? [];
  return (
    <section aria-labelledby={`receipts-${keyId}`} className="space-y-3">
      <h3 id={`receipts-${keyId}`} className="font-semibold">
        Revocation receipts
      </h3>
      <div>
        {error ? (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            The receipts could not be loaded: {error.message}
          </p>
        ) : isPending ? (
          <p className="text-sm text-slate-500">Loading receipts…</p>
        ) : !latest ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            No revocation yet. When the key is disabled, every instance of the region holding this tenant&apos;s data
            runs a decrypt probe; the signed receipt shown here records how long it took until decryption failed
            everywhere.
          </p>
        ) : (
          <ReceiptDetails tenant={tenant} receipt={latest} live />
        )}
      </div>
      {earlier.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Earlier receipts ({earlier.length})</summary>
          <ul className="mt-2 space-y-4 border-l-2 border-slate-200 pl-4 dark:border-slate-800">
            {earlier.map((r) => (
              <li key={r.id}>
                <ReceiptDetails tenant={tenant} receipt={r} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
