"use client";

import { useQuery } from "@tanstack/react-query";
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { decisionsApi, decisionsQueryKeys } from "@/modules/sharing/client";
import { Button } from "@/components/ui/button";

/** The Cedar text the region judges every flow with: what the customer signed, as code. */
export function PolicyText({ tenant }: { tenant: string }) {
  const query = useQuery({ queryKey: decisionsQueryKeys.policy(tenant), queryFn: () => decisionsApi.policy(tenant) });
  const [copied, setCopied] = useState(false);
  async function copy() {
    if (!query.data) return;
    await navigator.clipboard.writeText(query.data);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Compiled from every accepted decision; anything no policy permits is denied. Each policy carries its own
          effective window.
        </p>
        <Button onClick={copy} disabled={!query.data}>
          {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {copied ? "Copied" : "Copy policy"}
        </Button>
      </div>
      <span className="sr-only" aria-live="polite">
        {copied ? "Policy copied to the clipboard" : ""}
      </span>
      {query.error && (
        <p role="alert" className="text-sm text-red-700">
          {query.error.message}
        </p>
      )}
      <pre
        tabIndex={0}
        aria-label="Compiled Cedar policy"
        data-testid="policy-text"
        className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs dark:border-slate-800 dark:bg-slate-900"
      >
        {query.isPending ? "Loading the policy…" : (query.data ?? "")}
      </pre>
    </div>
  );
}
