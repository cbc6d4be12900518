const BLOCK = "animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800";

/**
 * The loading state of a tenant section: its title, the intro line and the section's main blocks
 * (each given as its margin and height), announced once to screen readers as "Loading <what>…".
 */
export function SectionSkeleton({
  what,
  blocks = ["mt-6 h-28", "mt-4 h-40", "mt-6 h-80"],
  width = "max-w-6xl",
}: {
  what: string;
  blocks?: string[];
  width?: "max-w-6xl" | "max-w-7xl";
}) {
  return (
    <div className={`mx-auto ${width} p-6`} role="status" aria-live="polite">
      <span className="sr-only">Loading {what}…</span>
      <div className="h-7 w-32 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="mt-3 h-4 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      {blocks.map((b, i) => (
        <div key={i} className={`${b} ${BLOCK}`} />
      ))}
    </div>
  );
}
