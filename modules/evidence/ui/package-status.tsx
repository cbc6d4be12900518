"use client";

import Link from "next/link";
import { elapsed } from "@/modules/evidence/ui/package-download";
import { formatBytes } from "@/platform/format";
import { PACKAGE_ERROR_WORDS } from "@/modules/evidence/ui/words";

export type DownloadState =
  | { kind: "idle" }
  | { kind: "downloading"; label: string }
  | {
      kind: "saved";
      label: string;
      filename: string;
      bytes: number;
      ms: number;
      downloadId: string | null;
      sha256: string | null;
    }
  | { kind: "cancelled"; bytes: number }
  | { kind: "failed"; code: string; message: string };

/** What a screen reader hears: each change of state, and the amount received every ten seconds. */
function announcement(state: DownloadState, progress: { bytes: number; ms: number }): string {
  if (state.kind === "downloading") {
    const tens = Math.floor(progress.ms / 10_000);
    return tens === 0
      ? `Building and downloading the evidence package for ${state.label}…`
      : `Still downloading: ${formatBytes(progress.bytes)} received after ${elapsed(tens * 10_000)}.`;
  }
  if (state.kind === "saved") return `Saved ${state.filename}, ${formatBytes(state.bytes)}.`;
  if (state.kind === "cancelled") return `Download cancelled after ${formatBytes(state.bytes)}. Nothing was saved.`;
  return "";
}

/**
 * The state of a download under the form: a busy panel with an indeterminate bar, the bytes
 * received and the time elapsed while it streams (the server does not know the size in advance);
 * then what was saved, what was cancelled, or why it failed in plain words with the server's message.
 */
export function PackageStatus({
  tenant,
  state,
  progress,
}: {
  tenant: string;
  state: DownloadState;
  progress: { bytes: number; ms: number };
}) {
  return (
    <div className="space-y-2">
      <p role="status" className="sr-only" data-testid="evidence-download-announcement">
        {announcement(state, progress)}
      </p>

      {state.kind === "downloading" && (
        <div
          aria-busy="true"
          className="space-y-2 rounded border border-brand-600/40 bg-slate-50 p-3 text-sm dark:bg-slate-900"
          data-testid="evidence-download-progress"
        >
          <progress className="block h-2 w-full max-w-md" aria-label={`Downloading the package for ${state.label}`} />
          <p className="font-medium">
            <span data-testid="evidence-download-bytes">{formatBytes(progress.bytes)}</span> received ·{" "}
            {elapsed(progress.ms)} elapsed
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            The server builds the package as it sends it, so its size is known only at the end. The file is saved when
            the last byte has arrived.
          </p>
        </div>
      )}

      {state.kind === "saved" && (
        <div
          className="space-y-1 rounded border border-emerald-600/50 p-3 text-sm dark:border-emerald-400/50"
          data-testid="evidence-download-saved"
        >
          <p className="font-medium">
            Saved <span className="break-all">{state.filename}</span>: {formatBytes(state.bytes)} in {elapsed(state.ms)}
            .
          </p>
          {state.downloadId && (
            <p className="break-all">
              Download id <code>{state.downloadId}</code>, recorded with your name in the tenant&apos;s audit log.
            </p>
          )}
          {state.sha256 && (
            <p className="text-xs break-all text-slate-600 dark:text-slate-400">
              SHA-256 of the file: <code>{state.sha256}</code>
            </p>
          )}
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Check it: unzip it and run <code>sh verify.sh</code> inside, or{" "}
            <code className="break-all">
              npx terrane verify {state.filename} --jwks {window.location.origin}/.well-known/jwks.json
            </code>
          </p>
        </div>
      )}

      {state.kind === "cancelled" && (
        <p className="text-sm" data-testid="evidence-download-cancelled">
          Cancelled after {formatBytes(state.bytes)}. Nothing was saved.
        </p>
      )}

      {state.kind === "failed" && (
        <div role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="evidence-download-error">
          <p className="font-medium">{PACKAGE_ERROR_WORDS[state.code] ?? "The package could not be downloaded."}</p>
          <p>{state.message}</p>
          {state.code === "nda_required" && (
            <p>
              <Link className="underline" href={`/t/${tenant}/engagement`}>
                Read and accept the NDA
              </Link>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
