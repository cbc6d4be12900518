"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";

/** What every error boundary shows: plain words, a reference to quote, and a way to retry. */
export function SectionError({
  what,
  error,
  reset,
}: {
  what: string;
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div
      role="alert"
      className="m-6 rounded-lg border border-red-300 bg-red-50 p-5 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <div className="flex items-center gap-2 font-semibold">
        <AlertTriangle aria-hidden className="size-5" /> We could not load {what}.
      </div>
      <p className="mt-2 text-sm">
        Nothing was changed. Try again; if it keeps failing, contact your provider
        {error.digest ? (
          <>
            {" "}
            and quote reference <code className="font-mono">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button variant="danger" className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
