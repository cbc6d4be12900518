import type { RegisterChange } from "@/modules/subprocessors/client";
import { diffRows, type DiffRow, type RegisterNames } from "@/modules/subprocessors/ui/register-words";

const ADDED = "rounded bg-emerald-50 px-1 text-emerald-900 no-underline dark:bg-emerald-950 dark:text-emerald-100";
const REMOVED = "rounded bg-red-50 px-1 text-red-900 dark:bg-red-950 dark:text-red-100";

/** An item added: green, "+", and said as "added" (the colour and sign are not the only cue). */
function Added({ children }: { children: string }) {
  return (
    <ins className={ADDED}>
      <span aria-hidden>+ </span>
      <span className="sr-only">added: </span>
      {children}
    </ins>
  );
}

function Removed({ children }: { children: string }) {
  return (
    <del className={REMOVED}>
      <span aria-hidden>− </span>
      <span className="sr-only">removed: </span>
      {children}
    </del>
  );
}

function RowValue({ row }: { row: DiffRow }) {
  if (row.kind === "list")
    return (
      <ul className="flex flex-wrap gap-1">
        {row.added.map((x) => (
          <li key={`+${x}`}>
            <Added>{x}</Added>
          </li>
        ))}
        {row.removed.map((x) => (
          <li key={`-${x}`}>
            <Removed>{x}</Removed>
          </li>
        ))}
      </ul>
    );
  if (row.before === null) return <Added>{row.after ?? ""}</Added>;
  if (row.after === null) return <Removed>{row.before}</Removed>;
  return (
    <span className="break-words">
      <Removed>{row.before}</Removed> <span aria-hidden>→</span>
      <span className="sr-only">becomes</span> <Added>{row.after}</Added>
    </span>
  );
}

/** A change's fields as a reader compares them: items added and removed, values before → after. */
export function ChangeDiff({ change, names }: { change: RegisterChange; names: RegisterNames }) {
  if (change.kind === "retire")
    return (
      <p className="text-sm">
        <Removed>{`${change.name} leaves the register`}</Removed>
      </p>
    );
  const rows = diffRows(change.diff, names);
  if (rows.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No field changes.</p>;
  return (
    <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[max-content_1fr]" data-testid="change-diff">
      {rows.map((row) => (
        <div key={row.field} className="contents">
          <dt className="font-medium text-slate-700 dark:text-slate-300">{row.label}</dt>
          <dd className="min-w-0">
            <RowValue row={row} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
