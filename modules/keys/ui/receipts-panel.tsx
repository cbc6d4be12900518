"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, Download, History, Loader2, ShieldCheck } from "lucide-react";
import { receiptTitle } from "@/modules/keys/ui/key-state-words";
import { WordsText } from "@/modules/keys/ui/words";
import { keysApi, keysQueryKeys, type KeySummary, type ReceiptView } from "@/modules/keys/client";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatMillis } from "@/platform/format";

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

type KeyFacts = Pick<KeySummary, "state" | "state_change" | "state_changed_at">;

/**
 * The newest receipt while the key is still off is the present state, in large type; any other
 * receipt is a past event ("Last revocation on …: … — enabled again since …"), in plain type, so
 * an old green "Revoked everywhere" never reads as the state of a key enabled since.
 */
function Headline({ receipt, keyView, newest }: { receipt: ReceiptView; keyView: KeyFacts; newest: boolean }) {
  const title = receiptTitle(receipt, keyView, newest);
  if (title.tense === "past" && receipt.status !== "pending") {
    return (
      <p className="flex items-start gap-2 text-base font-semibold" data-testid="receipt-headline" data-tense="past">
        <History aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-500" />
        <span>
          <WordsText words={title.words} />
        </span>
      </p>
    );
  }
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
        data-tense="current"
      >
        <ShieldCheck aria-hidden className="size-7" /> Revoked everywhere in {formatMillis(receipt.max_ms)}
      </p>
    );
  }
  return (
    <div data-testid="receipt-headline" data-tense="current">
      <p className="flex items-center gap-2 text-xl font-bold text-amber-900 dark:text-amber-200">
        <AlertTriangle aria-hidden className="size-6" /> Not confirmed everywhere
      </p>
      <p className="mt-1 text-sm">
        {missing.length} of {receipt.expected_instances} instances did not report a failed decrypt in time
        {missing.length ? `: ${missing.join(", ")}` : ""}.
        {receipt.max_ms !== null ? ` The others stopped within ${formatMillis(receipt.max_ms)}.` : ""}
      </p>
    </div>
  );
}

function ReceiptDetails({
  tenant,
  receipt,
  keyView,
  live = false,
}: {
  tenant: string;
  receipt: ReceiptView;
  keyView: KeyFacts;
  live?: boolean;
}) {
  return (
    <div className="space-y-3" data-testid={live ? "receipt" : "earlier-receipt"} data-status={receipt.status}>
      {/* Only the newest receipt's headline is live: it is what changes while polling. */}
      <div aria-live={live ? "polite" : undefined}>
        <Headline receipt={receipt} keyView={keyView} newest={live} />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Disabled at <Time iso={receipt.disabled_at} />. Status:{" "}
        <strong data-testid="receipt-status">{receipt.status}</strong>
        {receipt.completed_at ? (
          <>
            , signed <Time iso={receipt.completed_at} />
          </>
        ) : (
          ""
        )}
        .
      </p>
      {receipt.instances.length > 0 && (
        <Table
          caption="When each instance's decrypt probe failed"
          density="compact"
          rows={receipt.instances}
          rowKey={(i) => i.instance}
          empty="No instance has reported yet."
          columns={[
            {
              key: "instance",
              header: "Instance",
              rowHeader: true,
              className: "font-mono text-xs",
              cell: (i) => i.instance,
            },
            { key: "at", header: "Decrypt failed at", cell: (i) => <Time iso={i.failed_at} format="precise" /> },
            { key: "after", header: "After", cell: (i) => formatMillis(i.ms) },
            { key: "probes", header: "Probes", cell: (i) => i.attempts },
          ]}
        />
      )}
      {receipt.body && receipt.signature && (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="primary" onClick={() => downloadReceipt(tenant, receipt)}>
            <Download aria-hidden className="size-4" /> Download signed receipt
          </Button>
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
export function ReceiptsPanel({ tenant, keyView }: { tenant: string; keyView: KeyFacts & { id: string } }) {
  const keyId = keyView.id;
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
          <ReceiptDetails tenant={tenant} receipt={latest} keyView={keyView} live />
        )}
      </div>
      {earlier.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Earlier receipts ({earlier.length})</summary>
          <ul className="mt-2 space-y-4 border-l-2 border-slate-200 pl-4 dark:border-slate-800">
            {earlier.map((r) => (
              <li key={r.id}>
                <ReceiptDetails tenant={tenant} receipt={r} keyView={keyView} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
