export default function Loading() {
  return (
    <div className="mx-auto max-w-4xl p-4 sm:p-6" role="status" aria-live="polite">
      <span className="sr-only">Loading your notifications…</span>
      <div className="h-7 w-48 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-6 h-40 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
