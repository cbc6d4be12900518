export default function Loading() {
  return (
    <div className="mx-auto max-w-5xl p-6" role="status" aria-live="polite">
      <span className="sr-only">Loading the subprocessor register…</span>
      <div className="h-7 w-72 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-6 h-48 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="mt-8 h-72 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
