export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl p-6" role="status" aria-live="polite">
      <span className="sr-only">Loading the region map…</span>
      <div className="h-7 w-32 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-3 h-4 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-6 h-28 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="mt-4 h-40 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div className="mt-6 h-80 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
