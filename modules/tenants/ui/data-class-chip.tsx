const STYLE: Record<string, string> = {
  restricted: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900",
  confidential: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-900",
  public: "bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700",
};

export function DataClassChip({ name, sensitivity }: { name: string; sensitivity: string }) {
  return (
    <span
      className={`inline-flex rounded px-1.5 py-0.5 text-xs ring-1 ring-inset ${STYLE[sensitivity] ?? STYLE.public}`}
      title={`${name}: ${sensitivity}`}
    >
      {name}
      <span className="sr-only"> ({sensitivity})</span>
    </span>
  );
}
