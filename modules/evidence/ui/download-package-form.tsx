"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria, inputClass } from "@/components/ui/field";
import { formatBytes, formatCount } from "@/platform/format";
import { ApiProblem } from "@/platform/http/client-fetch";
import { packageUrl } from "@/modules/evidence/client";
import { fetchPackage, PackageInterrupted, saveFile, sha256Hex } from "@/modules/evidence/ui/package-download";
import {
  datesOf,
  defaultMonth,
  MAX_SAMPLE,
  periodLabel,
  periodProblem,
  sampleOf,
  type EngagementScope,
  type PeriodChoice,
} from "@/modules/evidence/ui/package-period";
import { PackageStatus, type DownloadState } from "@/modules/evidence/ui/package-status";
import { PeriodPicker } from "@/modules/evidence/ui/period-picker";

const PERIOD_PROBLEM_ID = "evidence-period-problem";

/**
 * Downloads an evidence package: a period, an optional sample size and seed, then the ZIP streamed
 * from the API with its progress (bytes received, time elapsed) and a Cancel that aborts it.
 * The file is saved once it is whole. Checks here are hints; the server decides.
 */
export function DownloadPackageForm({
  tenant,
  now,
  scope,
}: {
  tenant: string;
  now: string;
  /** An auditor's engagement periods: a period outside them is refused here before the server does. */
  scope: EngagementScope | null;
}) {
  const today = new Date(now);
  const [choice, setChoice] = useState<PeriodChoice>(() => ({ kind: "month", month: defaultMonth(today, scope) }));
  const [size, setSize] = useState("");
  const [seed, setSeed] = useState("");
  const [tried, setTried] = useState(false);
  const [state, setState] = useState<DownloadState>({ kind: "idle" });
  const [progress, setProgress] = useState({ bytes: 0, ms: 0 });
  const abort = useRef<AbortController | null>(null);
  const received = useRef(0);
  const started = useRef(0);
  const downloadButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  const busy = state.kind === "downloading";
  const dates = datesOf(choice);
  const problem = periodProblem(dates, today, scope);
  const sample = sampleOf(size, seed);
  const sizeError = tried && !sample.ok && sample.field === "size" ? sample.problem : null;
  const seedError = tried && !sample.ok && sample.field === "seed" ? sample.problem : null;

  // The counters on screen follow the stream four times a second, not on every chunk.
  useEffect(() => {
    if (!busy) return;
    const tick = () => setProgress({ bytes: received.current, ms: performance.now() - started.current });
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [busy]);

  // While it runs, Cancel is where the keyboard is; afterwards, Download again.
  useEffect(() => {
    if (busy) cancelButton.current?.focus();
    else if (state.kind !== "idle" && (document.activeElement === document.body || document.activeElement === null))
      downloadButton.current?.focus();
  }, [busy, state.kind]);

  // Leaving the page stops the download.
  useEffect(() => () => abort.current?.abort(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problem || !dates || !sample.ok || busy) {
      const first = problem ? PERIOD_PROBLEM_ID : !sample.ok ? `evidence-sample-${sample.field}` : null;
      if (first) document.getElementById(first)?.focus();
      return;
    }
    const label = periodLabel(choice);
    const controller = new AbortController();
    abort.current = controller;
    received.current = 0;
    started.current = performance.now();
    setProgress({ bytes: 0, ms: 0 });
    setState({ kind: "downloading", label });
    try {
      const pkg = await fetchPackage(packageUrl(tenant, { ...dates, sample: sample.sample, seed: sample.seed }), {
        signal: controller.signal,
        onBytes: (bytes) => (received.current = bytes),
        fallbackName: `${tenant}-evidence-${label.replace(/\./g, "_")}.zip`,
      });
      const ms = performance.now() - started.current;
      saveFile(pkg.blob, pkg.filename);
      const sha256 = await sha256Hex(pkg.blob);
      setState({
        kind: "saved",
        label,
        filename: pkg.filename,
        bytes: pkg.bytes,
        ms,
        downloadId: pkg.downloadId,
        sha256,
      });
    } catch (err) {
      const bytes = received.current;
      if (controller.signal.aborted) setState({ kind: "cancelled", bytes });
      else if (err instanceof ApiProblem) setState({ kind: "failed", code: err.code, message: err.message });
      else if (err instanceof PackageInterrupted)
        setState({
          kind: "failed",
          code: "interrupted",
          message: `The download broke off after ${formatBytes(err.bytes)} (${err.message}). Nothing was saved: try again.`,
        });
      else
        setState({
          kind: "failed",
          code: "network",
          message: "The server could not be reached. Check your connection and try again.",
        });
    } finally {
      abort.current = null;
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-4 rounded border border-slate-200 p-4 dark:border-slate-800"
      aria-describedby="evidence-download-intro"
    >
      <p id="evidence-download-intro" className="text-sm text-slate-600 dark:text-slate-400">
        A period that has ended, at most a year long. Dates are UTC: a month runs from midnight UTC on its first day to
        midnight UTC on the first day of the next.
      </p>
      <PeriodPicker
        value={choice}
        onChange={setChoice}
        now={today}
        problemId={problem ? PERIOD_PROBLEM_ID : null}
        disabled={busy}
      />
      {/* Always there, so a screen reader hears the problem when it appears, not only on submit. */}
      <p
        id={PERIOD_PROBLEM_ID}
        tabIndex={-1}
        aria-live="polite"
        className="text-sm text-red-700 empty:hidden dark:text-red-300"
        data-testid="evidence-period-problem"
      >
        {problem}
      </p>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800" disabled={busy}>
        <legend className="px-1 text-sm font-medium">Sample (optional)</legend>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Draws up to this many lines from each list in the package (audit entries, key events, flows…), reproducibly:
          anyone with the seed draws the same lines.
        </p>
        <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          <FormField
            id="evidence-sample-size"
            label="Sample size"
            hint={`1 to ${formatCount(MAX_SAMPLE)}`}
            error={sizeError}
          >
            <input
              id="evidence-sample-size"
              inputMode="numeric"
              autoComplete="off"
              value={size}
              onChange={(e) => setSize(e.target.value)}
              className={inputClass}
              {...fieldAria("evidence-sample-size", { hint: true, error: sizeError })}
            />
          </FormField>
          <FormField
            id="evidence-sample-seed"
            label="Seed (optional)"
            hint="64 hexadecimal digits. Leave empty and the server draws one; it is written in samples.json."
            error={seedError}
          >
            <input
              id="evidence-sample-seed"
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              className={`${inputClass} font-mono`}
              {...fieldAria("evidence-sample-seed", { hint: true, error: seedError })}
            />
          </FormField>
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button ref={downloadButton} type="submit" variant="primary" loading={busy} loadingText="Downloading…">
          Download package
        </Button>
        {busy && (
          <Button ref={cancelButton} onClick={() => abort.current?.abort()}>
            Cancel download
          </Button>
        )}
      </div>
      <PackageStatus tenant={tenant} state={state} progress={progress} />
    </form>
  );
}
